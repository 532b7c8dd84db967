import type { SentSecret } from '@burnlink/client';
import { useEffect, useState } from 'preact/hooks';
import { connect, defaultChoices } from '../connection.js';
import { t } from '../i18n.js';
import { type Problem, problemFor } from '../problems.js';
import { takeShareJob } from '../share-job.js';
import { mount } from '../ui/mount.js';
import { ProblemView } from '../ui/problem-view.js';
import { ResultView } from '../ui/result-view.js';

type State = { step: 'working' } | { step: 'problem'; problem: Problem } | { step: 'done'; sent: SentSecret };

/**
 * Opened by the context-menu entry with a job id in the fragment: takes the selected text (once), sends it
 * with the default lifetime and views, and shows the link.
 */
function Share() {
  const [state, setState] = useState<State>({ step: 'working' });
  useEffect(() => {
    void (async () => {
      const text = await takeShareJob(location.hash.slice(1));
      if (text === null) return setState({ step: 'problem', problem: { key: 'shareGone' } });
      const connection = await connect();
      if (!connection.ok) return setState({ step: 'problem', problem: connection.problem });
      const { ttl, views } = defaultChoices(connection);
      const sent = await connection.client.send({ text, ttl, maxViews: views });
      const origin = new URL(connection.client.baseUrl).origin;
      setState(sent.ok ? { step: 'done', sent } : { step: 'problem', problem: problemFor(sent, origin) });
    })();
  }, []);
  return (
    <main>
      <header>
        <h1>{t('shareTitle')}</h1>
      </header>
      {state.step === 'working' && <p role="status">{t('shareWorking')}</p>}
      {state.step === 'problem' && <ProblemView problem={state.problem} />}
      {state.step === 'done' && <ResultView sent={state.sent} />}
      <button type="button" class="secondary" onClick={() => window.close()}>
        {t('close')}
      </button>
    </main>
  );
}

mount(Share, 'shareTitle');
