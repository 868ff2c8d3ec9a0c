/**
 * Strict-Transport-Security for answers the client got over https (the API and the page
 * server both send it): two years, subdomains included.
 */
export const HSTS = "max-age=63072000; includeSubDomains";
