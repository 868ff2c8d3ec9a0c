"use client";

import type { FormEvent } from "react";
import { useApiPost } from "./use-api-post";
import { FormError } from "./form-error";

const REPORT_REASONS = ["spam", "harassment", "misinformation", "breaks the community's rules"];

/** Why the reader reports a thing, sent to the moderators. */
export function ReportForm({ thingId, onDone }: { thingId: string; onDone: () => void }) {
  const { busy, error, post } = useApiPost();
  const fieldId = `report-${thingId}`;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const choice = String(form.get("reason") ?? "");
    const other = String(form.get("other") ?? "").trim();
    const reason = choice === "other" ? other : choice;
    if (!(await post("/api/report", { thing_id: thingId, reason }, "could not send the report")).ok) return;
    onDone();
  }

  return (
    <form className="report-form" onSubmit={submit}>
      <fieldset>
        <legend>Why are you reporting this?</legend>
        {REPORT_REASONS.map((r, i) => (
          <label key={r} className="inline">
            <input type="radio" name="reason" value={r} defaultChecked={i === 0} /> {r}
          </label>
        ))}
        <label className="inline">
          <input type="radio" name="reason" value="other" /> other:
        </label>
        <label htmlFor={fieldId} className="sr-only">
          other reason
        </label>
        <input id={fieldId} name="other" type="text" maxLength={100} placeholder="other reason" />
      </fieldset>
      <FormError message={error} />
      <button type="submit" disabled={busy}>
        report
      </button>
    </form>
  );
}
