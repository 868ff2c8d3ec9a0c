"use client";

import { useState, type FormEvent } from "react";
import { callApi } from "./api-call";
import { FormError } from "./form-error";
import { safeNext } from "../_lib/safe-next";


export function AuthForm({ mode, next }: { mode: "login" | "register"; next?: string | undefined }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const register = mode === "register";

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const fields: Record<string, string> = { user: String(form.get("user") ?? ""), passwd: String(form.get("passwd") ?? "") };
    if (register) fields.passwd2 = String(form.get("passwd2") ?? "");
    setBusy(true);
    setError(null);
    const res = await callApi("POST", register ? "/api/register" : "/api/login", fields);
    if (res.ok) {
      // Only a path that resolves to this origin is followed (no open redirect).
      window.location.assign(safeNext(next, window.location.origin));
      return;
    }
    setBusy(false);
    setError(res.error?.message ?? "something went wrong");
  }

  return (
    <form onSubmit={submit} noValidate>
      <label htmlFor="user">username</label>
      <input id="user" name="user" type="text" autoComplete="username" required minLength={3} maxLength={20} />
      <label htmlFor="passwd">password</label>
      <input id="passwd" name="passwd" type="password" autoComplete={register ? "new-password" : "current-password"} required />
      {register ? (
        <>
          <label htmlFor="passwd2">password, again</label>
          <input id="passwd2" name="passwd2" type="password" autoComplete="new-password" required />
        </>
      ) : null}
      <FormError message={error} />
      <button type="submit" disabled={busy}>
        {register ? "sign up" : "log in"}
      </button>
    </form>
  );
}
