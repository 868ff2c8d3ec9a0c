/** The API's refusal of a form: its message and the field it names (e.g. "title", "to"). */
export type FieldError = { message: string; field: string } | null;

/**
 * What a form shows around each field for the API's refusal: the message under the field it
 * names, the field marked invalid, and the message for the form when it names none of `fields`.
 */
export function fieldErrors(error: FieldError, fields: readonly string[]) {
  return {
    messageFor: (name: string) =>
      error && error.field === name ? (
        <p className="error field-error" id={`${name}-error`} role="alert">
          {error.message}
        </p>
      ) : null,
    invalid: (name: string) => (error && error.field === name ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {}),
    formLevel: error && !fields.includes(error.field) ? error.message : null,
  };
}
