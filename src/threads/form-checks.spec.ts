import { formFieldErrors, utf8Bytes, type CommentFormFields } from './form-checks.js';
import { FORM_MESSAGES } from './form-messages.js';

const valid: CommentFormFields = { name: 'Ayu', email: 'ayu@example.org', website: '', body: 'A remark.' };
const errorsOf = (change: Partial<CommentFormFields>) => formFieldErrors({ ...valid, ...change });

describe('utf8Bytes, the unit of WordPress’s column limits', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['😀', 4],
  ])('%p is %p bytes', (text, bytes) => {
    expect(utf8Bytes(text)).toBe(bytes);
  });
});

describe("formFieldErrors, wp_handle_comment_submission's field checks", () => {
  it('a filled-in form passes', () => {
    expect(formFieldErrors(valid)).toBeNull();
  });

  it.each([
    ['name', 245, 'N', FORM_MESSAGES.nameTooLong],
    ['name', 122, 'é', FORM_MESSAGES.nameTooLong],
    ['body', 65525, 'x', FORM_MESSAGES.commentTooLong],
    ['body', 32762, 'é', FORM_MESSAGES.commentTooLong],
  ] as const)('%s: %p × %p passes, one byte more does not', (field, count, unit, message) => {
    expect(errorsOf({ [field]: unit.repeat(count) })).toBeNull();
    const over = unit === 'é' ? `${unit.repeat(count)}xx` : unit.repeat(count + 1);
    expect(errorsOf({ [field]: over })).toEqual({ [field]: message });
  });

  it('a name made only of markup is missing, as after strip_tags', () => {
    expect(errorsOf({ name: '<b></b>' })).toEqual({ name: FORM_MESSAGES.requiredFields });
    expect(errorsOf({ name: '<img src=x onerror=alert(1)>' })).toEqual({ name: FORM_MESSAGES.requiredFields });
    expect(errorsOf({ name: '<b>Ayu</b>' })).toBeNull();
    expect(errorsOf({ name: '< 3' })).toBeNull();
  });

  it("lists several failures in WordPress's order, each field with its first failing rule", () => {
    const errors = formFieldErrors({ name: 'N'.repeat(246), email: 'not-an-email', website: 'javascript:alert(1)', body: '' });
    expect(errors).toEqual({
      email: FORM_MESSAGES.invalidEmail,
      body: FORM_MESSAGES.emptyComment,
      name: FORM_MESSAGES.nameTooLong,
      website: FORM_MESSAGES.invalidWebsite,
    });
    expect(Object.values(errors!)).toEqual([FORM_MESSAGES.invalidEmail, FORM_MESSAGES.emptyComment, FORM_MESSAGES.nameTooLong, FORM_MESSAGES.invalidWebsite]);
  });

  it('an email that is both malformed and too long is malformed, the earlier rule', () => {
    expect(errorsOf({ email: `${'a'.repeat(100)}@` })).toEqual({ email: FORM_MESSAGES.invalidEmail });
  });

  it('a website over 200 bytes is too long before it is judged as an address', () => {
    expect(errorsOf({ website: `javascript:${'x'.repeat(200)}` })).toEqual({ website: FORM_MESSAGES.urlTooLong });
  });
});
