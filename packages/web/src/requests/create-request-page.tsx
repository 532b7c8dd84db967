import type { CreatedRequest } from '@burnlink/client';
import { TTL_CHOICES_SECONDS, TTL_DEFAULT_SECONDS, utf8Encode } from '@burnlink/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorNotice } from '../components/error-notice.js';
import { ModeNav } from '../components/mode-nav.js';
import { failureMessage } from '../failure-message.js';
import { useDocumentTitle } from '../hooks.js';
import { useI18n } from '../i18n/i18n.js';
import { canEncrypt, client } from '../sdk-client.js';
import { RequestCreatedView } from './request-created.js';
import { useRequestText, withRequestText } from './request-text.js';

/**
 * The description's limit in UTF-8 bytes: its ciphertext (payload stream 0, b64u) must fit the wire's
 * `REQUEST_DESCRIPTION_MAX_CHARS` (16,384 characters, 12,288 bytes), with room for the JSON and the framing.
 */
export const DESCRIPTION_MAX_BYTES = 12_000;

interface Lifetimes {
  choices: number[];
  default: number;
}

/** `/request`: what is needed and the two lifetimes; then the links (request, inbox, receipt). */
export const CreateRequestPage = withRequestText(function CreateRequestPage() {
  const { t, lifetime, size } = useI18n();
  const { q } = useRequestText();
  useDocumentTitle(q('requestTitle'));
  const [lifetimes, setLifetimes] = useState<Lifetimes>({
    choices: [...TTL_CHOICES_SECONDS],
    default: TTL_DEFAULT_SECONDS,
  });
  const [description, setDescription] = useState('');
  const [ttl, setTtl] = useState(TTL_DEFAULT_SECONDS);
  const [responseTtl, setResponseTtl] = useState(TTL_DEFAULT_SECONDS);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedRequest | null>(null);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    void client.config().then((config) => {
      if (!config.ok) return; // core's choices stay: the server still checks what is sent
      const max = config.policy?.max_ttl ?? Number.POSITIVE_INFINITY;
      const choices = config.ttl.choices.filter((seconds) => seconds <= max);
      const fallback = Math.min(config.ttl.default, max);
      setLifetimes({
        choices: choices.includes(fallback) ? choices : [...choices, fallback],
        default: fallback,
      });
      setTtl(fallback);
      setResponseTtl(fallback);
    });
  }, []);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setFailure(null);
    const text = description.trim();
    if (!text) {
      setFailure(q('errEmpty'));
      descriptionRef.current?.focus();
      return;
    }
    const bytes = utf8Encode(text).length;
    if (bytes > DESCRIPTION_MAX_BYTES) {
      setFailure(q('errTooLong', { size: size(bytes), max: size(DESCRIPTION_MAX_BYTES) }));
      descriptionRef.current?.focus();
      return;
    }
    if (!canEncrypt()) {
      setFailure(t('errCrypto'));
      return;
    }
    setBusy(true);
    try {
      const result = await client.createRequest({ description: text, ttl, responseTtl });
      if (result.ok) setCreated(result);
      else if (result.reason === 'invalid_request' && result.rule === 'requests')
        setFailure(q('errNotAllowed'));
      else {
        const message = failureMessage(result);
        setFailure(t(message.key, message.vars));
      }
    } finally {
      setBusy(false);
    }
  };

  if (created)
    return (
      <RequestCreatedView
        created={created}
        onDone={() => {
          setCreated(null);
          setDescription('');
        }}
      />
    );

  const choices = (current: number) =>
    (lifetimes.choices.includes(current) ? lifetimes.choices : [...lifetimes.choices, current]).map(
      (seconds) => (
        <option key={seconds} value={String(seconds)}>
          {lifetime(seconds)}
        </option>
      ),
    );

  return (
    <section aria-labelledby="page-title">
      <ModeNav current="request" />
      <h1 id="page-title" tabIndex={-1}>
        {q('requestTitle')}
      </h1>
      <p class="lead">{q('requestIntro')}</p>
      <form onSubmit={onSubmit} noValidate aria-busy={busy}>
        <div class="field">
          <label for="request-description">{q('descriptionLabel')}</label>
          <textarea
            id="request-description"
            ref={descriptionRef}
            rows={4}
            aria-describedby="request-description-hint"
            value={description}
            onInput={(e) => setDescription(e.currentTarget.value)}
          />
          <p id="request-description-hint" class="hint">
            {q('descriptionHint')}
          </p>
        </div>
        <div class="row">
          <div class="field">
            <label for="request-ttl">{q('waitLabel')}</label>
            <select
              id="request-ttl"
              value={String(ttl)}
              onChange={(e) => setTtl(Number(e.currentTarget.value))}
            >
              {choices(ttl)}
            </select>
          </div>
          <div class="field">
            <label for="request-response-ttl">{q('answerWaitLabel')}</label>
            <select
              id="request-response-ttl"
              value={String(responseTtl)}
              onChange={(e) => setResponseTtl(Number(e.currentTarget.value))}
            >
              {choices(responseTtl)}
            </select>
          </div>
        </div>
        {failure && <ErrorNotice error={failure} />}
        <div class="actions">
          <button type="submit" class="button-primary" disabled={busy}>
            {busy ? q('creating') : q('createButton')}
          </button>
        </div>
      </form>
    </section>
  );
});
