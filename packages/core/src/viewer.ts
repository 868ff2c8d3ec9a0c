/**
 * Who is reading or writing, as the domain sees them: an account and whether it is a site admin.
 * How they proved it (a session cookie, a bearer token) is the HTTP edge's business.
 */
export interface Viewer {
  userId: bigint;
  name: string;
  isAdmin: boolean;
}
