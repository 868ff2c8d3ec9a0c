"""What every PRAW driver script shares: a client aimed at the test server, and step reporting.

The scripts print one JSON line per step and exit non-zero on the first failure; the vitest files
that run them read those lines.
"""
import json
import os
import sys
import traceback

import praw


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
