/** Slack answers within its own 3-second budget for interactions; we give up a little before ours ends. */
const TIMEOUT_MS = 2_500;

/** Slack's Web API answer: `ok`, and Slack's error code when not (e.g. `not_in_channel`). Never a token. */
export interface SlackAnswer {
  ok: boolean;
  error?: string;
}

/**
 * The two Web API methods the message shortcut needs, called with the bot token (`BURNLINK_SLACK_BOT_TOKEN`):
 * `views.open` (the modal, within 3 s of the trigger) and `chat.postEphemeral` (the link, to one user).
 */
export function slackApi(apiUrl: string, botToken: string) {
  const call = async (method: string, body: Record<string, unknown>): Promise<SlackAnswer> => {
    try {
      const response = await fetch(`${apiUrl}/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${botToken}`, 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!response.ok) return { ok: false, error: `http_${response.status}` };
      const answer = (await response.json()) as Partial<SlackAnswer>;
      return answer.ok === true ? { ok: true } : { ok: false, error: String(answer.error ?? 'unknown') };
    } catch (error) {
      return { ok: false, error: (error as Error)?.name ?? 'request_failed' };
    }
  };
  return {
    openView: (triggerId: string, view: unknown) => call('views.open', { trigger_id: triggerId, view }),
    postEphemeral: (channel: string, user: string, text: string) =>
      call('chat.postEphemeral', { channel, user, text }),
  };
}
