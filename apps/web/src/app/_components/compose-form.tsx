"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callApi } from "./api-call";
import { fieldErrors, type FieldError } from "./field-errors";
import { FormError } from "./form-error";

const FIELDS = ["to", "subject", "text"] as const;

/** Send a private message: to, subject, text; the API's refusal shows next to the field it names. */
export function ComposeForm({ to }: { to: string }) {
  const router = useRouter();
  const [error, setError] = useState<FieldError>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const body = Object.fromEntries(FIELDS.map((f) => [f, String(data.get(f) ?? "")]));
    setBusy(true);
    setError(null);
    const res = await callApi("POST", "/api/compose", body);
    setBusy(false);
    if (!res.ok) {
      setError(res.error ?? { message: "could not send the message", field: "" });
      return;
    }
    router.push("/message/sent");
  }

  const { messageFor: fieldError, invalid, formLevel } = fieldErrors(error, FIELDS);

  return (
    <form onSubmit={submit} noValidate className="submit-form">
      <div className="field">
        <label htmlFor="to">to (a username)</label>
        <input id="to" name="to" type="text" defaultValue={to} autoComplete="off" required {...invalid("to")} />
        {fieldError("to")}
      </div>
      <div className="field">
        <label htmlFor="subject">subject</label>
        <input id="subject" name="subject" type="text" maxLength={100} required {...invalid("subject")} />
        {fieldError("subject")}
      </div>
      <div className="field">
        <label htmlFor="text">message (markdown)</label>
        <textarea id="text" name="text" rows={8} required {...invalid("text")} />
        {fieldError("text")}
      </div>
      <FormError message={formLevel} />
      <button type="submit" disabled={busy}>
        send
      </button>
    </form>
  );
}
