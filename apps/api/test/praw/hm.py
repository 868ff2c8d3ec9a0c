"""What every PRAW driver script shares: a client aimed at the test server, step reporting, and
listing checks against the API's own JSON.

The scripts print one JSON line per step and exit non-zero on the first failure; the vitest files
that run them read those lines.
"""
import json
import os
import sys
import time
import traceback

import praw
from praw.models import MoreComments


def client(prefix="HM", agent="hivemind-praw-test/1.0"):
    """A script-app client for the account whose settings start with prefix (HM_USER, HM_CLIENT_ID…)."""
    url = os.environ["HM_URL"]
    return praw.Reddit(
        client_id=os.environ[f"{prefix}_CLIENT_ID"],
        client_secret=os.environ[f"{prefix}_CLIENT_SECRET"],
        username=os.environ[f"{prefix}_USER"],
        password=os.environ[f"{prefix}_PASSWORD"],
        user_agent=agent,
        oauth_url=url,
        reddit_url=url,
        check_for_updates=False,
    )


def step(label, **facts):
    print(json.dumps({"step": label, **facts}), flush=True)


def run(main):
    try:
        main()
    except Exception as exc:  # report and fail
        traceback.print_exc()
        print(json.dumps({"step": "failed", "error": repr(exc)}), flush=True)
        sys.exit(1)


# The worker's consumers fill the listings a moment after each write, and a loaded machine can
# make that moment long: every listing check polls, with a generous deadline, never a fixed sleep.
LISTING_DEADLINE_SECONDS = float(os.environ.get("HM_LISTING_DEADLINE", "90"))


def api_json(reddit, path, params):
    """The API's own JSON for path (reddit.request: the same transport and token as PRAW, no objects)."""
    return reddit.request(method="GET", path=path, params=params)


def listing_scores(body):
    return [child["data"]["score"] for child in body["data"]["children"]]


def listing_names(body):
    return [child["data"]["name"] for child in body["data"]["children"]]


def check_listing(label, reddit, fetch, path, params=None, want=None):
    """
    Polls until PRAW's listing (fetch(), a ListingGenerator) names the same things in the same
    order as the API's JSON for path read just before and just after it, and want(names, json)
    holds (if given). Reports the step and returns the fullnames.
    """
    params = {"limit": 100, **(params or {})}
    deadline = time.monotonic() + LISTING_DEADLINE_SECONDS
    while True:
        before = listing_names(api_json(reddit, path, params))
        got = [thing.fullname for thing in fetch()]
        body = api_json(reddit, path, params)
        after = listing_names(body)
        agrees = before == got == after
        if agrees and (want is None or want(got, body)):
            step(label, names=got)
            return got
        if time.monotonic() > deadline:
            raise AssertionError(f"{label}: PRAW {got}, JSON before {before}, after {after}, wanted: {'agreement' if not agrees else 'want()'}")
        time.sleep(0.5)


def _forest_order_json(body):
    """The order CommentForest.list() walks (breadth first), over a comment page's JSON."""
    queue = list(body[1]["data"]["children"])
    out = []
    while queue:
        item = queue.pop(0)
        if item["kind"] == "more":
            out.append("more:" + ",".join(item["data"]["children"]))
            continue
        out.append(item["data"]["name"])
        replies = item["data"].get("replies")
        if replies:
            queue.extend(replies["data"]["children"])
    return out


def _forest_order(comments):
    return ["more:" + ",".join(c.children) if isinstance(c, MoreComments) else c.fullname for c in comments]


def check_comment_sort(label, reddit, submission_id, sort, want=None):
    """
    Polls until `submission.comment_sort = sort` then `submission.comments.list()` walks the same
    comments in the same order as the API's JSON for comments/{id}.json?sort=, and want(order) holds.
    """
    deadline = time.monotonic() + LISTING_DEADLINE_SECONDS
    params = {"limit": 2048, "sort": sort}
    while True:
        before = _forest_order_json(api_json(reddit, f"comments/{submission_id}.json", params))
        submission = reddit.submission(id=submission_id)
        submission.comment_sort = sort
        got = _forest_order(submission.comments.list())
        after = _forest_order_json(api_json(reddit, f"comments/{submission_id}.json", params))
        agrees = before == got == after
        if agrees and (want is None or want(got)):
            step(label, order=got)
            return got
        if time.monotonic() > deadline:
            raise AssertionError(f"{label}: PRAW {got}, JSON before {before}, after {after}")
        time.sleep(0.5)
