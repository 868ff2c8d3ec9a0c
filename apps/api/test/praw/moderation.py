"""Drives hivemind's moderation endpoints with PRAW, unmodified.

Run by moderation-praw.int.test.ts. Prints one JSON line per step; exits
non-zero on the first failed assertion.
"""
import os

from hm import client, run, step


def main():
    reddit = client(agent="hivemind-praw-moderation/1.0")
    sub = reddit.subreddit(os.environ["HM_SUBREDDIT"])
    troll = os.environ["HM_TROLL"]

    submission = reddit.submission(id=os.environ["HM_POST"])
    submission.mod.remove(spam=False)
    submission.mod.approve()
    submission.mod.lock()
    submission.mod.unlock()
    submission.mod.sticky()
    submission.mod.sticky()  # already stickied: fine
    submission.mod.sticky(state=False)
    step("submission_moderation")

    comment = reddit.comment(id=os.environ["HM_COMMENT"])
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
    assert [q.fullname for q in queue] == [f"t3_{os.environ['HM_REPORTED']}"], queue
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
