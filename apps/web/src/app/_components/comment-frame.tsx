"use client";

import { useState, type ReactNode } from "react";

/** A comment whose thread (body, buttons, replies) folds away behind its tagline, as old reddit's [–]. */
export function CommentFrame({ id, tagline, collapsedInitially = false, depth, children }: { id: string; tagline: ReactNode; collapsedInitially?: boolean; depth: number; children: ReactNode }) {
  const [collapsed, setCollapsed] = useState(collapsedInitially);
  return (
    <div className={`comment depth-${Math.min(depth, 9)}${collapsed ? " collapsed" : ""}`} id={id} data-fullname={id}>
      <p className="tagline">
        <button
          type="button"
          className="expand"
          aria-expanded={!collapsed}
          aria-label={collapsed ? "expand thread" : "collapse thread"}
          onClick={() => setCollapsed((c) => !c)}
        >
          [{collapsed ? "+" : "–"}]
        </button>{" "}
        {tagline}
      </p>
      {collapsed ? null : children}
    </div>
  );
}
