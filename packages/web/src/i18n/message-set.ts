import { isPseudoLocale, type Locale } from './locales.js';

/** A set of messages (core, restrictions, account, …) in every locale, each locale a lazily loaded chunk. */
export interface MessageSet<M> {
  /** The folder the set lives in, for error messages and tests. */
  readonly name: string;
  /** The locale's messages; a pseudo-locale is generated from English. Cached; a failed load is retried. */
  load(locale: Locale): Promise<M>;
  /** The locale's messages if already loaded, else undefined (lets the first render skip a loading state). */
  peek(locale: Locale): M | undefined;
}

/**
 * Makes a message set from its `messages/` folder, found by the folder convention: each `messages/<locale>.ts`
 * default-exports that locale's messages and becomes its own chunk. Pass the folder's files with a literal
 * `import.meta.glob` (Vite needs it literal to split the chunks):
 *
 * @example
 * ```ts
 * export const requestMessages = messageSet<RequestMessages>(
 *   'requests',
 *   import.meta.glob(['./messages/*.ts', '!./messages/*.test.ts'], { import: 'default' }),
 * );
 * ```
 * `preloaded` holds locales that are in the first chunk already (the core set's English).
 */
export function messageSet<M>(
  name: string,
  files: Record<string, () => Promise<unknown>>,
  preloaded: Partial<Record<Locale, M>> = {},
): MessageSet<M> {
  const loaders = new Map<string, () => Promise<unknown>>();
  for (const [path, load] of Object.entries(files)) loaders.set(path.replace(/^.*\/|\.ts$/g, ''), load);
  const loaded = new Map<Locale, M>(Object.entries(preloaded) as [Locale, M][]);
  const pending = new Map<Locale, Promise<M>>();

  const fetchLocale = async (locale: Locale): Promise<M> => {
    if (isPseudoLocale(locale)) {
      const [english, { pseudoMessages }] = await Promise.all([load('en'), import('./pseudo.js')]);
      return pseudoMessages(english as Record<string, string>, locale) as M;
    }
    const loader = loaders.get(locale);
    if (!loader) throw new Error(`message set ${name} has no ${locale}.ts`);
    return (await loader()) as M;
  };

  function load(locale: Locale): Promise<M> {
    const ready = loaded.get(locale);
    if (ready) return Promise.resolve(ready);
    let promise = pending.get(locale);
    if (!promise) {
      promise = fetchLocale(locale).then(
        (messages) => {
          loaded.set(locale, messages);
          pending.delete(locale);
          return messages;
        },
        (error: unknown) => {
          pending.delete(locale); // offline for a moment: the next switch or page tries again
          throw error;
        },
      );
      pending.set(locale, promise);
    }
    return promise;
  }

  return { name, load, peek: (locale) => loaded.get(locale) };
}
