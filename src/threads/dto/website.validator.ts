import { isURL, registerDecorator, ValidationOptions } from 'class-validator';

/** As WordPress does, a bare "example.org" means http://example.org. */
export function normaliseWebsite(value: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `http://${value}`;
}

/** Only http(s) addresses: a `javascript:` link under an author's name would run in readers' pages. */
export function IsWebsite(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isWebsite',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && isURL(normaliseWebsite(value), { protocols: ['http', 'https'], require_protocol: true, require_tld: false }),
      },
    });
}
