"use client";

import { useState } from "react";
import { callApi, type ApiResult } from "./api-call";

/**
 * A POST to our API with what every action button and small form shows around it: a busy flag
 * while it runs and the refusal's message afterwards.
 */
export function useApiPost() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function post<T = unknown>(path: string, body: Record<string, string>, failure = "that did not work"): Promise<ApiResult<T>> {
    setBusy(true);
    setError(null);
    const res = await callApi<T>("POST", path, body);
    setBusy(false);
    if (!res.ok) setError(res.error?.message ?? failure);
    return res;
  }

  return { busy, error, setError, post };
}
