"use client";

import { useState, type FormEvent } from "react";
import { callApi } from "./api-call";
import { FormError } from "./form-error";

export interface AppRow {
  clientId: string;
  name: string;
  created: string;
}

interface Created {
  client_id: string;
  client_secret: string;
  name: string;
}

/** Create (the secret is shown once, here) and delete script apps through the JSON API. */
export function AppsManager({ initial }: { initial: AppRow[] }) {
  const [apps, setApps] = useState(initial);
  const [created, setCreated] = useState<Created | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const name = String(new FormData(formEl).get("name") ?? "");
    setBusy(true);
    setError(null);
    const res = await callApi<Created>("POST", "/api/v1/apps", { name });
    setBusy(false);
    if (!res.ok || !res.data) {
      setError(res.error?.message ?? "could not create the app");
      return;
    }
    const made = res.data;
    setCreated(made);
    setApps((a) => [...a, { clientId: made.client_id, name: made.name, created: new Date().toISOString().slice(0, 10) }]);
    formEl.reset();
  }

  async function remove(clientId: string) {
    if (!window.confirm("Delete this app? Programs using it stop working.")) return;
    const res = await callApi("DELETE", `/api/v1/apps/${encodeURIComponent(clientId)}`);
    if (!res.ok) {
      setError(res.error?.message ?? "could not delete the app");
      return;
    }
    setApps((a) => a.filter((x) => x.clientId !== clientId));
    if (created?.client_id === clientId) setCreated(null);
  }

  return (
    <>
      {created ? (
        <div className="secret-box" role="status">
          <strong>App &quot;{created.name}&quot; created.</strong> Copy the secret now: it is not shown again.
          <div>
            client id: <code>{created.client_id}</code>
          </div>
          <div>
            secret: <code>{created.client_secret}</code>
          </div>
        </div>
      ) : null}

      <h2>Your apps</h2>
      {apps.length === 0 ? (
        <p className="muted">No apps yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>name</th>
              <th>client id</th>
              <th>created</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {apps.map((a) => (
              <tr key={a.clientId}>
                <td>{a.name}</td>
                <td>
                  <code>{a.clientId}</code>
                </td>
                <td>{a.created}</td>
                <td>
                  <button type="button" className="danger" onClick={() => remove(a.clientId)}>
                    delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Create an app</h2>
      <form onSubmit={create}>
        <label htmlFor="name">name</label>
        <input id="name" name="name" type="text" maxLength={100} placeholder="my script" required />
        <FormError message={error} />
        <button type="submit" disabled={busy}>
          create app
        </button>
      </form>
    </>
  );
}
