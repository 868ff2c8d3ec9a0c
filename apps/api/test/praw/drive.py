"""Drives the hivemind API with PRAW, reddit's own Python client, unmodified.

Run by praw.int.test.ts against a live test server. Every step asserts what
PRAW hands back; the script prints one JSON line per step and exits non-zero
on the first failure.
"""
import os

import prawcore
from praw.exceptions import RedditAPIException

from hm import client, run, step


def main():
    owner = client("HM")
    other = client("HM_OTHER")

    me = owner.user.me()
    assert me.name == os.environ["HM_USER"], me.name
    step("me", name=me.name, link_karma=me.link_karma)

    sr_name = os.environ["HM_SUBREDDIT"]
    sub = owner.subreddit.create(sr_name, title="PRAW test community", link_type="any", subreddit_type="public")
    assert sub.display_name.lower() == sr_name.lower()
    assert sub.title == "PRAW test community", sub.title
    step("create_subreddit", name=sub.display_name, id=sub.id)

    try:
        owner.subreddit.create(sr_name, title="again")
        raise AssertionError("creating a duplicate community succeeded")
    except RedditAPIException as e:
        assert e.items[0].error_type == "SUBREDDIT_EXISTS", e.items
        step("duplicate_subreddit_refused", error=e.items[0].error_type)

    post = owner.subreddit(sr_name).submit("Hello from PRAW", selftext="Some *markdown* body")
    assert post.title == "Hello from PRAW"
    assert post.is_self is True
    assert post.author.name == me.name
    assert "<em>markdown</em>" in post.selftext_html
    step("submit_self", id=post.id, score=post.score)

    link = owner.subreddit(sr_name).submit("A link", url="https://example.com/article?x=1")
    assert link.domain == "example.com", link.domain
    step("submit_link", id=link.id, domain=link.domain)

    other.subreddit(sr_name).subscribe()
    step("subscribe")

    top = other.submission(post.id).reply("First comment")
    assert top.body == "First comment"
    assert top.parent_id == f"t3_{post.id}"
    nested = top.reply("A nested reply")
    assert nested.parent_id == f"t1_{top.id}"
    step("reply", comment=top.id, nested=nested.id)

    # The inbox: the reply to the owner's post, then a private message each way.
    assert top.id in [c.id for c in owner.inbox.comment_replies(limit=None)]
    assert top.id in [i.id for i in owner.inbox.unread(limit=None)]
    owner.redditor(os.environ["HM_OTHER_USER"]).message(subject="hello from PRAW", message="a private *word*")
    got = [m for m in other.inbox.messages(limit=None) if m.subject == "hello from PRAW"]
    assert len(got) == 1 and got[0].author.name.lower() == os.environ["HM_USER"].lower() and "<em>word</em>" in got[0].body_html, got
    answer = got[0].reply(body="and back")
    assert answer.subject == "re: hello from PRAW", answer.subject
    got[0].mark_read()
    assert got[0].id not in [i.id for i in other.inbox.unread(limit=None)]
    assert "re: hello from PRAW" in [m.subject for m in owner.inbox.messages(limit=None)]
    assert "and back" in [m.body for m in other.inbox.sent(limit=None)]
    step("messages")

    # Blocking: the other account's messages stop reaching the owner until it is unblocked.
    blocked = owner.redditor(os.environ["HM_OTHER_USER"])
    blocked.block()
    assert [r.name.lower() for r in owner.user.blocked()] == [os.environ["HM_OTHER_USER"].lower()]
    other.redditor(os.environ["HM_USER"]).message(subject="while blocked", message="unseen")
    assert "while blocked" not in [m.subject for m in owner.inbox.messages(limit=None)]
    blocked.unblock()
    assert list(owner.user.blocked()) == []
    step("block")

    other.submission(post.id).upvote()
    owner.comment(top.id).upvote()
    step("vote")

    other.submission(link.id).save()
    step("save")

    edited = nested.edit("An edited nested reply")
    assert edited.body == "An edited nested reply"
    step("edit")

    fetched = owner.submission(post.id)
    fetched.comments.replace_more(limit=None)
    flat = fetched.comments.list()
    bodies = sorted(c.body for c in flat)
    assert bodies == ["An edited nested reply", "First comment"], bodies
    assert fetched.comments[0].replies[0].body == "An edited nested reply"
    step("fetch_tree", comments=len(flat))

    try:
        other.submission(post.id).mod.remove()
        raise AssertionError("a non-moderator removed a post")
    except prawcore.exceptions.Forbidden:
        step("non_moderator_refused")

    owner.submission(link.id).mod.lock()
    try:
        other.submission(link.id).reply("in a locked thread")
        raise AssertionError("replied in a locked thread")
    except RedditAPIException as e:
        # As on reddit: PRAW raises the form error, naming its code.
        assert e.items[0].error_type == "THREAD_LOCKED", e.items
        step("locked_refused", error=e.items[0].error_type)
    owner.submission(link.id).mod.unlock()

    owner.submission(post.id).mod.sticky()
    step("sticky")

    owner.comment(nested.id).mod.remove()
    owner.comment(nested.id).mod.approve()
    step("remove_approve")

    owner.subreddit(sr_name).banned.add(os.environ["HM_OTHER_USER"], ban_reason="testing bans")
    banned = [b.name for b in owner.subreddit(sr_name).banned()]
    assert os.environ["HM_OTHER_USER"] in banned, banned
    try:
        other.subreddit(sr_name).submit("banned post", selftext="x")
        raise AssertionError("a banned user posted")
    except RedditAPIException as e:
        assert e.items[0].error_type == "BANNED", e.items
        step("banned_refused", error=e.items[0].error_type)
    owner.subreddit(sr_name).banned.remove(os.environ["HM_OTHER_USER"])

    actions = [a.action for a in owner.subreddit(sr_name).mod.log(limit=25)]
    for expected in ["lock", "unlock", "sticky", "removecomment", "approvecomment", "banuser", "unbanuser"]:
        assert expected in actions, (expected, actions)
    step("modlog", actions=actions)

    nested.delete()
    step("delete")

    about = owner.subreddit(sr_name)
    assert about.subscribers >= 2, about.subscribers
    step("about", subscribers=about.subscribers)

    popular = [s.display_name for s in other.subreddits.popular(limit=None)]
    newest = [s.display_name for s in other.subreddits.new(limit=None)]
    assert sr_name in popular and sr_name in newest, (sr_name, popular, newest)
    found = [s.display_name for s in other.subreddits.search(sr_name, limit=None)]
    by_name = [s.display_name for s in other.subreddits.search_by_name(sr_name[:5])]
    assert sr_name in found and sr_name in by_name, (sr_name, found, by_name)
    step("directory", popular=len(popular), new=len(newest), found=len(found))

    redditor = owner.redditor(os.environ["HM_OTHER_USER"])
    assert redditor.name == os.environ["HM_OTHER_USER"]
    step("redditor", name=redditor.name, created=redditor.created_utc)
    step("done")


if __name__ == "__main__":
    run(main)
