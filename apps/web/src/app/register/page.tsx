import Link from "next/link";
import { AuthForm } from "../_components/auth-form";

export const metadata = { title: "sign up · hivemind" };

export default async function RegisterPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <div className="card narrow">
      <h1>Sign up</h1>
      <p className="muted">3 to 20 letters, digits, &quot;_&quot; or &quot;-&quot;; a password of at least 8 characters.</p>
      <AuthForm mode="register" next={next} />
      <p className="muted">
        Have an account? <Link href="/login">Log in</Link>
      </p>
    </div>
  );
}
