import type { Failure, SecretInfo, VerificationReply } from '@burnlink/client';
import { formatSecretLink } from '@burnlink/core';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ErrorNotice } from '../components/error-notice.js';
import { client } from '../sdk-client.js';
import {
  type Refusal,
  type Requirements,
  refusalOf,
  refusalWords,
  regionalLocale,
  requirementsOf,
} from './refusals.js';
import { useRestrictionText, withRestrictionText } from './restriction-text.js';

/** What the reveal page asks the verification step when the recipient clicks "Reveal secret". */
export interface VerificationHandle {
  /** The 6-digit code typed in, or null (then the step has said what is missing and moved focus there). */
  code(): string | null;
}

export interface RevealRestrictionsProps {
  id: string;
  /** The link's key: a code request proves it holds the link (the SDK derives the proof; the key stays here). */
  linkKey: Uint8Array;
  info: SecretInfo;
  /** The last reveal's failure (or a message key of the page's own); refusals and codes are explained here. */
  failure: Failure | string | null;
  /** Set while the secret needs a code, for the reveal page to read on submit. */
  handle: { current: VerificationHandle | null };
  /** A new code went out: the page forgets the failure of the last one. */
  onCodeSent: () => void;
}

interface Sent {
  to: string;
  expiresAt: string;
}

/**
 * `POST /api/v1/secrets/{id}/verification` through the SDK, which proves from the link that it holds it (the
 * link is rebuilt here in memory, as for the reveal; only a derived token is sent).
 */
function requestCode(
  id: string,
  linkKey: Uint8Array,
  recipient: number,
  language: string,
): Promise<VerificationReply | Failure> {
  // The mail comes in the language the recipient reads this page in.
  return client.requestVerificationCode(formatSecretLink(location.origin, id, linkKey), recipient, {
    language,
  });
}

/** Whether this part puts `failure` into words (the reveal page then shows no notice of its own). */
export const explains = (failure: Failure | string): boolean =>
  typeof failure === 'object' && refusalOf(failure) !== null;

/**
 * The reveal page's part for a restricted secret: short notes on the checks ("This link only opens from
 * certain networks"), the recipient verification step (pick your masked address, send a code, type it in),
 * and plain words for a refusal: outside office hours with the next opening in the recipient's own time, a
 * network or country turned away, a wrong or used-up code.
 */
function Restrictions({ id, linkKey, info, failure, handle, onCodeSent }: RevealRestrictionsProps) {
  const { r } = useRestrictionText();
  const requirements = useMemo(() => requirementsOf(info), [info]);
  const refusal = useMemo(
    () => (typeof failure === 'object' && failure ? refusalOf(failure) : null),
    [failure],
  );
  return (
    <>
      {requirements && (requirements.network || requirements.officeHours || requirements.country) && (
        <div class="notice" data-testid="restriction-notes">
          {requirements.network && <p>{r('noteNetwork')}</p>}
          {requirements.officeHours && <p>{r('noteHours')}</p>}
          {requirements.country && <p>{r('noteCountry')}</p>}
        </div>
      )}
      {requirements?.verification && (
        <VerificationStep
          id={id}
          linkKey={linkKey}
          hints={requirements.verification.recipients}
          refusal={refusal}
          handle={handle}
          onCodeSent={onCodeSent}
        />
      )}
      {refusal && <RefusalNotice refusal={refusal} />}
    </>
  );
}

function RefusalNotice({ refusal }: { refusal: Refusal }) {
  const text = useRestrictionText();
  return (
    <div class="notice notice-error" role="alert" data-testid="refusal">
      {refusalWords(refusal, text).map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}

function VerificationStep({
  id,
  linkKey,
  hints,
  refusal,
  handle,
  onCodeSent,
}: {
  id: string;
  linkKey: Uint8Array;
  hints: string[];
  refusal: Refusal | null;
  handle: RevealRestrictionsProps['handle'];
  onCodeSent: () => void;
}) {
  const text = useRestrictionText();
  const { r, locale } = text;
  const [picked, setPicked] = useState<number | null>(hints.length === 1 ? 0 : null);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<Sent | null>(null);
  const [sendFailure, setSendFailure] = useState<Failure | null>(null);
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<'errPick' | 'errSendFirst' | 'errCodeFormat' | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const sendRef = useRef<HTMLButtonElement>(null);
  const firstHintRef = useRef<HTMLInputElement>(null);

  // The reveal page asks for the code on submit; a missing step is said here and focused.
  const state = useRef({ code, sent, picked });
  state.current = { code, sent, picked };
  useEffect(() => {
    handle.current = {
      code: () => {
        const now = state.current;
        if (/^\d{6}$/.test(now.code)) {
          setProblem(null);
          return now.code;
        }
        if (now.code === '' && now.picked === null) {
          setProblem('errPick');
          firstHintRef.current?.focus();
        } else if (now.code === '' && !now.sent) {
          setProblem('errSendFirst');
          sendRef.current?.focus();
        } else {
          setProblem('errCodeFormat');
          codeRef.current?.focus();
        }
        return null;
      },
    };
    return () => {
      handle.current = null;
    };
  }, []);

  // A wrong code: empty the field for the next try, or point at "Send a new code" when this one is used up.
  useEffect(() => {
    if (refusal?.kind !== 'code') return;
    setCode('');
    if (refusal.attemptsLeft > 0) codeRef.current?.focus();
    else sendRef.current?.focus();
  }, [refusal]);

  const send = async () => {
    if (picked === null) {
      setProblem('errPick');
      firstHintRef.current?.focus();
      return;
    }
    setProblem(null);
    setSendFailure(null);
    setSending(true);
    try {
      const result = await requestCode(id, linkKey, picked, locale);
      if (!result.ok) {
        setSendFailure(result);
        return;
      }
      setSent({ to: result.sentTo, expiresAt: result.expiresAt });
      setCode('');
      onCodeSent();
      codeRef.current?.focus();
    } finally {
      setSending(false);
    }
  };

  const time = (at: string) =>
    new Intl.DateTimeFormat(regionalLocale(locale), { hour: '2-digit', minute: '2-digit' }).format(
      new Date(at),
    );
  const sendRefusal = sendFailure ? refusalOf(sendFailure, true) : null;
  const problemId = 'verify-problem';

  return (
    <fieldset class="verification" data-testid="verification">
      <legend>{r('verifyLegend')}</legend>
      <p class="hint">{r('verifyIntro')}</p>
      <fieldset class="plain" aria-describedby={problem === 'errPick' ? problemId : undefined}>
        <legend>{r('verifyPick')}</legend>
        {hints.map((hint, index) => (
          <div class="check" key={hint + String(index)}>
            <input
              id={`verify-recipient-${index}`}
              ref={index === 0 ? firstHintRef : undefined}
              type="radio"
              name="verify-recipient"
              checked={picked === index}
              onChange={() => {
                setPicked(index);
                setProblem(null);
              }}
            />
            <label for={`verify-recipient-${index}`} class="mono">
              {hint}
            </label>
          </div>
        ))}
      </fieldset>
      <div class="actions">
        <button
          type="button"
          ref={sendRef}
          class="button-secondary"
          disabled={sending}
          aria-describedby={problem === 'errSendFirst' ? problemId : undefined}
          onClick={() => void send()}
        >
          {sending ? r('sendingCode') : sent ? r('sendNewCode') : r('sendCode')}
        </button>
      </div>
      {sendFailure &&
        (sendRefusal ? <RefusalNotice refusal={sendRefusal} /> : <ErrorNotice error={sendFailure} />)}
      {sent && (
        <p class="notice notice-ok" role="status">
          {r('codeSent', { to: sent.to, time: time(sent.expiresAt) })}
        </p>
      )}
      {/* Always there: a code mailed before this page was reloaded still works. */}
      <div class="field field-code">
        <label for="verify-code">{r('codeLabel')}</label>
        <input
          id="verify-code"
          ref={codeRef}
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          spellcheck={false}
          class="mono"
          aria-invalid={problem === 'errCodeFormat' || refusal?.kind === 'code'}
          aria-describedby={['verify-code-hint', problem === 'errCodeFormat' && problemId]
            .filter(Boolean)
            .join(' ')}
          value={code}
          onInput={(e) => {
            const digits = e.currentTarget.value.replace(/\D/g, '').slice(0, 6);
            e.currentTarget.value = digits;
            setCode(digits);
            setProblem(null);
          }}
        />
        <p id="verify-code-hint" class="hint">
          {r('codeHint')}
        </p>
      </div>
      {problem && (
        <p id={problemId} class="field-problem" role="alert">
          {r(problem)}
        </p>
      )}
    </fieldset>
  );
}

export type { Requirements };

/** The reveal page's part for a restricted secret (see `Restrictions`), once the locale's messages are loaded. */
export const RevealRestrictions = withRestrictionText(Restrictions);
