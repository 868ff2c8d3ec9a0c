"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callApi } from "./api-call";
import { FormError } from "./form-error";

export interface FieldSpec {
  /** The API's parameter name; the API's error `fields` names it back. */
  name: string;
  label: string;
  type?: "text" | "textarea" | "number" | "url";
  required?: boolean;
  maxLength?: number;
  placeholder?: string;
  hint?: string;
  min?: number;
  max?: number;
}

/**
 * A form posting its fields to one API path. A refusal is shown next to the field the API's
 * error names (or above the button when it names none); success refreshes or navigates.
 */
export function FieldForm({
  path,
  fields,
  hidden = {},
  submitLabel,
  then,
  resetOnSuccess = true,
  successText,
  idPrefix = "f",
}: {
  path: string;
  fields: FieldSpec[];
  hidden?: Record<string, string>;
  submitLabel: string;
  /** A path to go to afterwards; `{name}` is replaced by the submitted value of that field. */
  then?: string;
  resetOnSuccess?: boolean;
  successText?: string;
  idPrefix?: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<{ message: string; field: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [ok, setOk] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const body: Record<string, string> = { ...hidden };
    for (const f of fields) {
      const v = String(data.get(f.name) ?? "");
      if (v !== "" || f.required) body[f.name] = v;
    }
    setBusy(true);
    setError(null);
    setOk(false);
    const res = await callApi("POST", path, body);
    setBusy(false);
    if (!res.ok) {
      setError(res.error ?? { message: "that did not work", field: "" });
      return;
    }
    setOk(true);
    if (resetOnSuccess) form.reset();
    if (then) router.push(then.replace(/\{(\w+)\}/g, (_m, k: string) => encodeURIComponent(body[k] ?? "")));
    router.refresh();
  }

  const known = new Set(fields.map((f) => f.name));
  const formLevel = error && !known.has(error.field) ? error.message : null;

  return (
    <form onSubmit={submit} noValidate className="field-form">
      {fields.map((f) => {
        const id = `${idPrefix}-${f.name}`;
        const err = error && error.field === f.name ? error.message : null;
        const common = {
          id,
          name: f.name,
          required: f.required,
          maxLength: f.maxLength,
          placeholder: f.placeholder,
          "aria-invalid": err ? true : undefined,
          "aria-describedby": err ? `${id}-error` : undefined,
        };
        return (
          <div key={f.name} className="field">
            <label htmlFor={id}>{f.label}</label>
            {f.type === "textarea" ? (
              <textarea {...common} rows={5} />
            ) : (
              <input {...common} type={f.type ?? "text"} min={f.min} max={f.max} />
            )}
            {f.hint ? <p className="hint">{f.hint}</p> : null}
            {err ? (
              <p className="error field-error" id={`${id}-error`} role="alert">
                {err}
              </p>
            ) : null}
          </div>
        );
      })}
      <FormError message={formLevel} />
      {ok && successText ? (
        <p className="ok" role="status">
          {successText}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
