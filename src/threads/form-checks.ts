import { isWebsite } from './dto/website.validator.js';
import { isWordPressEmail } from './email-address.js';
import { FORM_LIMITS, FORM_MESSAGES } from './form-messages.js';

/** The comment form's fields as the checks read them: trimmed, a missing field as ''. */
export interface CommentFormFields {
  name: string;
  email: string;
  website: string;
  body: string;
}

export type FormField = keyof CommentFormFields;

/** One rule of the form: the field it marks and the message it shows when `fails`. */
interface FormRule {
  field: FormField;
  message: string;
  fails(form: CommentFormFields): boolean;
}

/**
 * wp_handle_comment_submission()'s field checks in its order: name and email required, the email
 * valid, the comment required, then wp_check_comment_data_max_lengths() (name, email, URL, comment,
 * in UTF-8 bytes, the columns' limits). Kolom's own Website rule comes last. WordPress stops at the
 * first failure; Kolom reports every failing field at once, each with its first failing rule, and
 * lists the messages in this order.
 */
const RULES: FormRule[] = [
  { field: 'name', message: FORM_MESSAGES.requiredFields, fails: (f) => isBlankName(f.name) },
  { field: 'email', message: FORM_MESSAGES.requiredFields, fails: (f) => f.email === '' },
  { field: 'email', message: FORM_MESSAGES.invalidEmail, fails: (f) => !isWordPressEmail(f.email) },
  { field: 'body', message: FORM_MESSAGES.emptyComment, fails: (f) => f.body === '' },
  { field: 'name', message: FORM_MESSAGES.nameTooLong, fails: (f) => utf8Bytes(f.name) > FORM_LIMITS.name },
  { field: 'email', message: FORM_MESSAGES.emailTooLong, fails: (f) => utf8Bytes(f.email) > FORM_LIMITS.email },
  { field: 'website', message: FORM_MESSAGES.urlTooLong, fails: (f) => utf8Bytes(f.website) > FORM_LIMITS.website },
  { field: 'body', message: FORM_MESSAGES.commentTooLong, fails: (f) => utf8Bytes(f.body) > FORM_LIMITS.body },
  { field: 'website', message: FORM_MESSAGES.invalidWebsite, fails: (f) => f.website !== '' && !isWebsite(f.website) },
];

/**
 * Each failing field with its message, in the order of RULES (the 400's `fields`, whose values in
 * order are its `message` list); null when the form passes.
 */
export function formFieldErrors(form: CommentFormFields): Partial<Record<FormField, string>> | null {
  const errors: Partial<Record<FormField, string>> = {};
  for (const rule of RULES) {
    if (errors[rule.field] === undefined && rule.fails(form)) errors[rule.field] = rule.message;
  }
  return Object.keys(errors).length === 0 ? null : errors;
}

/** WordPress's limits are its columns' sizes in bytes: "é" counts 2, "😀" 4. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * WordPress strips tags from the name before its required check, so a name made only of markup is
 * missing. Kolom keeps the name as typed (it is escaped where shown) and only asks the same
 * question. As PHP's strip_tags, a "<" followed by whitespace is text, and an unclosed tag runs to
 * the end.
 */
function isBlankName(name: string): boolean {
  return name.replace(MARKUP, '').trim() === '';
}

const MARKUP = /<(?!\s)[^>]*(?:>|$)/g;
