"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { useApiPost } from "./use-api-post";
import { FormError } from "./form-error";

interface UserTextFormProps {
  /** The API endpoint: /api/comment or /api/editusertext. */
  endpoint: string;
  /** thing_id sent with the text: the parent for a reply, the thing itself for an edit. */
  thingId: string;
  fieldId: string;
  label: string;
  submitLabel: string;
  failure: string;
  initial?: string;
  rows?: number;
  resetOnDone?: boolean;
  /** Refresh the page's server data after a success (default); false where nothing on the page changes. */
  refresh?: boolean;
  onDone?: () => void;
  onCancel?: () => void;
}

/** A markdown textarea posted to the API, showing the API's refusal in place. */
function UserTextForm(props: UserTextFormProps) {
  const router = useRouter();
  const { busy, error, post } = useApiPost();

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const text = String(new FormData(form).get("text") ?? "");
    if (!(await post(props.endpoint, { thing_id: props.thingId, text }, props.failure)).ok) return;
    if (props.resetOnDone) form.reset();
    if (props.refresh !== false) router.refresh();
    props.onDone?.();
  }

  return (
    <form className="usertext-form" onSubmit={submit}>
      <label htmlFor={props.fieldId} className="sr-only">
        {props.label}
      </label>
      <textarea
        id={props.fieldId}
        name="text"
        rows={props.rows ?? 4}
        defaultValue={props.initial}
        placeholder="markdown: *italic*, **bold**, [link](https://…)"
      />
      <FormError message={error} />
      <div className="form-row">
        <button type="submit" disabled={busy}>
          {props.submitLabel}
        </button>
        {props.onCancel ? (
          <button type="button" className="secondary" onClick={props.onCancel}>
            cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** Posts a reply to `parent` (t3: top level, t1: a reply, t4: an answer to a message). */
export function ReplyForm({
  parent,
  onDone,
  onCancel,
  label = "reply",
  submitLabel = "post comment",
  refresh = true,
}: {
  parent: string;
  refresh?: boolean;
  onDone?: () => void;
  onCancel?: () => void;
  label?: string;
  submitLabel?: string;
}) {
  return (
    <UserTextForm
      endpoint="/api/comment"
      thingId={parent}
      fieldId={`reply-${parent}`}
      label={label}
      submitLabel={submitLabel}
      failure="could not post the comment"
      resetOnDone
      refresh={refresh}
      {...(onDone ? { onDone } : {})}
      {...(onCancel ? { onCancel } : {})}
    />
  );
}

/** Edits the text of the viewer's own post or comment. */
export function EditForm({ thingId, initial, onDone, onCancel }: { thingId: string; initial: string; onDone: () => void; onCancel: () => void }) {
  return (
    <UserTextForm
      endpoint="/api/editusertext"
      thingId={thingId}
      fieldId={`edit-${thingId}`}
      label="edit"
      submitLabel="save edit"
      failure="could not save the edit"
      initial={initial}
      rows={5}
      onDone={onDone}
      onCancel={onCancel}
    />
  );
}
