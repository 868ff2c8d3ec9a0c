"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callApi } from "./api-call";
import { fieldErrors, type FieldError } from "./field-errors";
import { FormError } from "./form-error";

interface Submitted {
  json?: { data?: { url?: string } };
}

/** Submit a link or a text post: tabs, community picker, errors next to the field the API names. */
export function SubmitForm({ community, choices, initialKind }: { community: string; choices: string[]; initialKind: "link" | "self" }) {
  const router = useRouter();
  const [kind, setKind] = useState<"link" | "self">(initialKind);
  const [error, setError] = useState<FieldError>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const body: Record<string, string> = {
      kind,
      sr: String(data.get("sr") ?? "").trim().replace(/^\/?r\//, ""),
      title: String(data.get("title") ?? ""),
    };
    if (kind === "link") body.url = String(data.get("url") ?? "").trim();
    else body.text = String(data.get("text") ?? "");
    for (const flag of ["nsfw", "spoiler"]) if (data.get(flag) === "on") body[flag] = "true";
    setBusy(true);
    setError(null);
    const res = await callApi<Submitted>("POST", "/api/submit", body);
    if (!res.ok) {
      setBusy(false);
      setError(res.error ?? { message: "could not submit", field: "" });
      return;
    }
    const url = res.data?.json?.data?.url;
    router.push(url ? new URL(url, window.location.href).pathname : `/r/${body.sr}`);
  }

  const { messageFor: fieldError, invalid, formLevel } = fieldErrors(error, ["sr", "title", "url", "text"]);

  return (
    <form onSubmit={submit} noValidate className="submit-form">
      <div className="tabs" role="tablist" aria-label="post type">
        <button type="button" role="tab" aria-selected={kind === "link"} className={kind === "link" ? "tab on" : "tab"} onClick={() => setKind("link")}>
          link
        </button>
        <button type="button" role="tab" aria-selected={kind === "self"} className={kind === "self" ? "tab on" : "tab"} onClick={() => setKind("self")}>
          text
        </button>
      </div>

      <div className="field">
        <label htmlFor="title">title</label>
        <textarea id="title" name="title" rows={2} maxLength={300} required {...invalid("title")} />
        {fieldError("title")}
      </div>

      {kind === "link" ? (
        <div className="field">
          <label htmlFor="url">url</label>
          <input id="url" name="url" type="url" placeholder="https://…" required {...invalid("url")} />
          {fieldError("url")}
        </div>
      ) : (
        <div className="field">
          <label htmlFor="text">text (optional, markdown)</label>
          <textarea id="text" name="text" rows={8} {...invalid("text")} />
          {fieldError("text")}
        </div>
      )}

      <div className="field">
        <label htmlFor="sr">community</label>
        <input id="sr" name="sr" type="text" list="sr-choices" defaultValue={community} placeholder="choose a community" autoComplete="off" required {...invalid("sr")} />
        <datalist id="sr-choices">
          {choices.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        {fieldError("sr")}
      </div>

      <div className="field">
        <label className="inline">
          <input type="checkbox" name="nsfw" /> nsfw
        </label>
        <label className="inline">
          <input type="checkbox" name="spoiler" /> spoiler
        </label>
      </div>

      <FormError message={formLevel} />
      <button type="submit" disabled={busy}>
        submit
      </button>
    </form>
  );
}
