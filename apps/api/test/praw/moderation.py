"""Drives hivemind's moderation endpoints with PRAW, unmodified.

Run by moderation-praw.int.test.ts (against the API server's factory) and by
infra/test/site.int.test.ts (through the public port of the shipped processes). It builds its own
world through PRAW: the moderator (HM_*) creates the community, the author (HM_AUTHOR_*) posts and
comments, the troll (HM_TROLL_*) reports. Prints one JSON line per step; exits non-zero on the
first failed assertion.
"""
import os

from hm import client, run, step


def main():
    reddit = client(agent="hivemind-praw-moderation/1.0")
    author = client("HM_AUTHOR", agent="hivemind-praw-moderation/1.0")
    trolling = client("HM_TROLL", agent="hivemind-praw-moderation/1.0")
    troll = os.environ["HM_TROLL_USER"]
    name = os.environ["HM_SUBREDDIT"]

    sub = reddit.subreddit.create(name, title=name, link_type="any", subreddit_type="public")
    sub.mod.update(title="Moderated by PRAW", public_description="settings through mod.update")
    about = reddit.subreddit(name)
    assert about.title == "Moderated by PRAW" and about.public_description == "settings through mod.update", vars(about)
    step("settings", title=about.title)
    moderated = author.subreddit(name).submit("moderated by PRAW", selftext="text")
    remark = moderated.reply("a comment")
    reported = author.subreddit(name).submit("reported", selftext="text")
    trolling.submission(id=reported.id).report("spam")
    step("setup", post=moderated.id, comment=remark.id, reported=reported.id)

    submission = reddit.submission(id=moderated.id)
    submission.mod.remove(spam=False)
    submission.mod.approve()
    submission.mod.lock()
    submission.mod.unlock()
    submission.mod.sticky()
    submission.mod.sticky()  # already stickied: fine
    submission.mod.sticky(state=False)
    step("submission_moderation")

    comment = reddit.comment(id=remark.id)
    comment.mod.remove(spam=True)
    comment.mod.approve()
    step("comment_moderation")

    sub.banned.add(troll, ban_reason="trolling", duration=3, note="mods only")
    banned = list(sub.banned())
    assert [str(b) for b in banned] == [troll], banned
    assert banned[0].note == "mods only", vars(banned[0])
    step("ban", banned=[str(b) for b in banned])
    sub.banned.remove(troll)
    assert list(sub.banned()) == []
    step("unban")

    mods = sub.moderator()
    assert os.environ["HM_USER"] in [str(m) for m in mods], mods
    step("moderators", names=[str(m) for m in mods])

    queue = list(sub.mod.modqueue())
    assert [q.fullname for q in queue] == [reported.fullname], queue
    assert queue[0].num_reports == 1 and queue[0].user_reports == [["spam", 1]], vars(queue[0])
    step("modqueue", things=[q.fullname for q in queue])

    log = list(sub.mod.log(limit=100))
    actions = [entry.action for entry in log]
    assert actions[:3] == ["unbanuser", "banuser", "approvecomment"], actions
    assert str(log[0].mod) == os.environ["HM_USER"], log[0].mod
    assert log[1].details == "3 days" and log[1].description == "trolling", vars(log[1])
    paged = list(sub.mod.log(limit=None))
    assert len(paged) == len(log), (len(paged), len(log))
    step("modlog", actions=actions)


if __name__ == "__main__":
    run(main)
