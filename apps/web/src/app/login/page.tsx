import Link from "next/link";
import { AuthForm } from "../_components/auth-form";

export const metadata = { title: "log in · hivemind" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <div className="card narrow">
      <h1>Log in</h1>
      <AuthForm mode="login" next={next} />
      <p className="muted">
        New here? <Link href="/register">Sign up</Link>
      </p>
    </div>
  );
}
