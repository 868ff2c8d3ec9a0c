"""Drives hivemind's post, comment, vote, save/hide and report endpoints with PRAW, unmodified.

Run by posts-praw.int.test.ts (against the API server's factory) and by infra/test/site.int.test.ts
(through the public port of the shipped processes). Prints one JSON line per step; exits non-zero on
the first failed assertion. The listing steps compare what PRAW hands back with the API's own JSON
(ids and order), polling while the worker's consumers catch up.
"""
import os

import prawcore
from praw.exceptions import RedditAPIException
from praw.models import MoreComments

from hm import check_comment_sort, check_listing, client, listing_scores, run, step


def main():
    reddit = client(agent="hivemind-praw-posts/1.0")
    sr = reddit.subreddit(os.environ["HM_SUBREDDIT"])

    post = sr.submit("Hello from PRAW", selftext="Some *markdown* body")
    assert post.title == "Hello from PRAW", post.title
    assert post.is_self is True
    assert post.author.name == os.environ["HM_USER"]
    assert "<em>markdown</em>" in post.selftext_html, post.selftext_html
    assert post.likes is True
    assert post.edited is False
    step("submit_self", id=post.id)

    link = sr.submit("A link", url="https://www.example.com/article?x=1")
    assert link.domain == "example.com", link.domain
    assert link.url == "https://www.example.com/article?x=1"
    step("submit_link", id=link.id)

    try:
        sr.submit("bad", url="javascript:alert(1)")
        raise AssertionError("a javascript: url was accepted")
    except RedditAPIException as e:
        assert e.items[0].error_type == "BAD_URL" and e.items[0].field == "url", e.items
        step("bad_url_refused")

    marked = sr.submit("Marked from PRAW", selftext="x", nsfw=True, spoiler=True)
    fetched = reddit.submission(id=marked.id)
    assert fetched.over_18 is True and fetched.spoiler is True, (fetched.over_18, fetched.spoiler)
    marked.mod.sfw()
    marked.mod.unspoiler()
    again = reddit.submission(id=marked.id)
    assert again.over_18 is False and again.spoiler is False, (again.over_18, again.spoiler)
    marked.delete()  # out of the listings the later steps compare
    step("flags")

    top = post.reply("First comment")
    assert top.parent_id == f"t3_{post.id}" and top.is_root
    replies = [top]
    for i in range(12):  # a chain deeper than the page's depth
        replies.append(replies[-1].reply(f"reply {i}"))
    siblings = [post.reply(f"sibling {i}") for i in range(5)]
    step("reply", chain=len(replies), siblings=len(siblings))

    edited = replies[1].edit("An edited reply")
    assert edited.body == "An edited reply" and edited.edited is not False
    post.edit("edited *self* text")
    step("edit")

    fresh = reddit.submission(id=post.id)
    fresh.comment_limit = 3
    fresh.comments.replace_more(limit=None)
    bodies = {c.body for c in fresh.comments.list()}
    expected = {"First comment", "An edited reply"} | {f"reply {i}" for i in range(1, 12)} | {f"sibling {i}" for i in range(5)}
    assert bodies == expected, sorted(bodies ^ expected)
    assert not any(isinstance(c, MoreComments) for c in fresh.comments.list())
    assert fresh.selftext == "edited *self* text"
    step("fetch_tree_replace_more", comments=len(bodies))

    deep = reddit.comment(replies[-1].id)
    deep.refresh()
    assert deep.body == "reply 11", deep.body
    assert deep.parent_id == f"t1_{replies[-2].id}"
    step("refresh")

    info = list(reddit.info(fullnames=[f"t3_{link.id}", f"t1_{top.id}"]))
    assert [t.fullname for t in info] == [f"t3_{link.id}", f"t1_{top.id}"], info
    step("info")

    link.upvote()
    link.downvote()
    link.clear_vote()
    top.downvote()
    assert reddit.comment(top.id).likes is False
    step("vote")

    link.save()
    top.save()
    saved = [t.fullname for t in reddit.redditor(os.environ["HM_USER"]).saved(limit=None)]
    assert saved == [f"t1_{top.id}", f"t3_{link.id}"], saved
    link.unsave()
    link.hide()
    assert reddit.submission(id=link.id).hidden is True
    link.unhide()
    step("save_hide")

    listings(reddit, sr, post, link, replies + siblings)

    top.report("spam")
    link.report("off topic")
    step("report")

    replies[3].delete()
    again = reddit.submission(id=post.id)
    again.comments.replace_more(limit=None)
    gone = [c for c in again.comments.list() if c.id == replies[3].id][0]
    assert gone.body == "[deleted]" and gone.author is None, (gone.body, gone.author)
    assert any(c.id == replies[4].id for c in again.comments.list())
    post.delete()
    assert reddit.submission(id=post.id).selftext == "[deleted]"
    step("delete")

    try:
        reddit.submission(id="zzzzzzz").title
        raise AssertionError("an unknown post was found")
    except prawcore.exceptions.NotFound:
        step("not_found")


def listings(reddit, sr, post, link, comments):
    """Every listing PRAW offers over this account's things, against the API's JSON."""
    user = os.environ["HM_USER"]
    sr.subscribe()
    extra = [sr.submit(f"listing post {i}", selftext=f"body {i}") for i in range(3)]
    extra[0].downvote()  # the author's own +1 becomes -1 (where a worker's tally counts it): last in top
    posts = [p.fullname for p in [post, link, *extra]]  # in creation order
    newest_first = list(reversed(posts))

    check_listing("listing_new", reddit, lambda: sr.new(limit=100), f"r/{sr.display_name}/new.json", want=lambda got, _body: got == newest_first)
    check_listing("listing_hot", reddit, lambda: sr.hot(limit=100), f"r/{sr.display_name}/hot.json", want=lambda got, _body: sorted(got) == sorted(posts))
    check_listing(
        "listing_top_week",
        reddit,
        lambda: sr.top(time_filter="week", limit=100),
        f"r/{sr.display_name}/top.json",
        {"t": "week"},
        want=lambda got, body: sorted(got) == sorted(posts) and listing_scores(body) == sorted(listing_scores(body), reverse=True),
    )
    check_listing("listing_controversial_all", reddit, lambda: sr.controversial(time_filter="all", limit=100), f"r/{sr.display_name}/controversial.json", {"t": "all"})
    check_listing("listing_rising", reddit, lambda: sr.rising(limit=100), f"r/{sr.display_name}/rising.json", want=lambda got, _body: set(got) <= set(posts))
    extra_newest = [p.fullname for p in reversed(extra)]
    check_listing(
        "search_new",
        reddit,
        lambda: sr.search("listing", sort="new", limit=100),
        f"r/{sr.display_name}/search.json",
        {"q": "listing", "restrict_sr": "on", "sort": "new"},
        want=lambda got, _body: got == extra_newest,
    )
    # The logged-in front page: merged from the hot listings of this account's subscriptions.
    check_listing("front_hot", reddit, lambda: reddit.front.hot(limit=100), "hot.json", want=lambda got, _body: sorted(got) == sorted(posts))
    check_listing(
        "redditor_submissions_new",
        reddit,
        lambda: reddit.redditor(user).submissions.new(limit=100),
        f"user/{user}/submitted.json",
        {"sort": "new"},
        want=lambda got, _body: got == newest_first,
    )

    first = link.reply("oldest comment")
    second = link.reply("middle comment")
    third = link.reply("newest comment")
    nested = first.reply("a reply to the oldest")
    order = [third.fullname, second.fullname, first.fullname, nested.fullname]
    check_comment_sort("comment_sort_new", reddit, link.id, "new", want=lambda got: got == order)

    everything = [c.fullname for c in [*comments, first, second, third, nested]]  # in creation order
    extra_names = [p.fullname for p in extra]
    check_listing(
        "redditor_comments_new",
        reddit,
        lambda: reddit.redditor(user).comments.new(limit=100),
        f"user/{user}/comments.json",
        {"sort": "new"},
        want=lambda got, _body: got == list(reversed(everything)),
    )
    # The overview (redditor.new() asks /user/NAME/?sort=new): posts and comments merged, newest first.
    newest = [nested.fullname, third.fullname, second.fullname, first.fullname]
    check_listing(
        "redditor_overview_new",
        reddit,
        lambda: reddit.redditor(user).new(limit=100),
        f"user/{user}/overview.json",
        {"sort": "new"},
        want=lambda got, _body: got[:4] == newest and set(got) <= set(everything + posts) and set(extra_names) <= set(got),
    )
    domain = link.domain
    check_listing("domain_hot", reddit, lambda: reddit.domain(domain).hot(limit=100), f"domain/{domain}/hot.json", want=lambda got, _body: link.fullname in got)


if __name__ == "__main__":
    run(main)
