import type { RequestMessages } from './en.js';

/** 日本語（丁寧体）。 */
export const ja: RequestMessages = {
  requestTitle: 'シークレットを依頼',
  requestIntro:
    'パスワードや鍵、ファイルを相手に依頼します。相手が依頼リンクから入力した内容は相手のブラウザー内で暗号化され、あなたの受信箱リンクでのみ、一度だけ読めます。',
  descriptionLabel: '何が必要ですか？',
  descriptionHint:
    'この内容は依頼相手に表示されますが、サーバーには見えません（このブラウザー内で暗号化されます）。シークレットそのものはここに書かないでください。',
  waitLabel: '回答を待つ期間',
  answerWaitLabel: '回答が読まれるまで保管する期間',
  createButton: '依頼を作成',
  creating: '作成しています…',
  errEmpty: '先に必要なものを入力してください。',
  errTooLong: '説明が長すぎます（{size}、上限 {max}）。',
  errNotAllowed: '組織の設定により、シークレットを依頼することはできません。',

  readyTitle: '依頼の準備ができました',
  requestLinkLabel: '依頼リンク: シークレットを持っている人に送ってください',
  copyRequestLink: '依頼リンクをコピー',
  requestQr: '依頼リンクの QR コード',
  inboxLinkLabel: '受信箱リンク: ご自身だけで保管してください',
  copyInboxLink: '受信箱リンクをコピー',
  inboxWarning:
    '受信箱リンクは安全な場所に保管してください。回答を読む唯一の手段で、誰にも（サーバーにも）復元できません。誰にも送らないでください。',
  openInbox: '受信箱を開く',
  receiptLinkLabel: '控えのリンク: 依頼に回答があったか、読まれたかを表示します（回答の内容は表示しません）',
  copyReceiptLink: '控えのリンクをコピー',
  waitsUntil: '依頼リンクは {date} まで、1 件の回答に使えます。',
  requestAnother: '別のシークレットを依頼',

  respondTitle: 'シークレットの提供を依頼されています',
  askedFor: '依頼内容',
  respondIntro:
    '送信する内容はこのブラウザー内で暗号化されます。読めるのは依頼した人だけで、一度読まれるとサーバーから削除されます。',
  answerLabel: 'シークレット',
  answerKept: '読まれなかった場合、回答は送信から {time} 後に削除されます。',
  sendButton: 'シークレットを送信',
  sending: '送信しています…',
  errAnswerEmpty: '先にシークレットを入力するか、ファイルを添付してください。',
  sentTitle: '送信しました',
  sentBody: '送信しました。依頼した人が一度だけ読むことができ、その後サーバーから削除されます。',
  sentExpires: '{date} までに読まれなかった場合、未読のまま削除されます。',
  requestGoneTitle: 'この依頼は終了しています',
  requestGone:
    'この依頼は回答済み、破棄済み、期限切れのいずれかか、存在しません。送ってきた人に新しい依頼を頼んでください。',
  alreadyAnswered: 'この依頼にはすでに回答があります。回答できるのは 1 件だけです。',
  notSent: 'あなたの入力内容は何も送信されていません。',
  missingKey: 'このリンクは不完全です（# 以降の部分がありません）。リンク全体を使ってください。',
  badLink: 'このリンクは壊れているため使えません。リンク全体を使ってください。',
  descriptionUnreadable: 'このリンクでは説明を復号できません。リンク全体を送ってもらってください。',

  inboxTitle: '依頼の受信箱',
  inboxUnknown:
    '不明な受信箱です。リンクが間違っているか、依頼が終了してから時間がたち、何も残っていません。',
  waitingBody: 'まだ回答はありません。このページは数秒ごとに確認します。',
  answeredBody: '回答が届きました。読めるのは一度だけで、表示するとサーバーから削除されます。',
  answerFiles_other: 'ファイルが {n} 個あります。',
  answerPassphrase: 'パスフレーズで保護されています。回答した人に問い合わせてください。',
  revealButton: '回答を表示',
  readBody: '回答は読まれました。サーバーからは削除されています。',
  expiredBody: 'この依頼は、回答が読まれないまま終了しました。',
  burnedBody: 'この依頼は破棄されました。',
  burnRequest: 'この依頼を破棄',
  burnConfirm: 'この依頼を今すぐ破棄しますか？ 誰も回答できなくなり、未読の回答も破棄されます。',
  burnedNow: '依頼を破棄しました。',

  receiptTitle: '依頼の控え',
  receiptIntro: '依頼の状況です。控えに回答の内容が表示されることはありません。',
  receiptUnknown: '不明な控えです。または、対応する依頼が終了してから時間がたっています。',
  stateLabel: '状態',
  state_waiting: '回答待ち',
  state_answered: '回答済み（未読）',
  state_read: '既読',
  state_expired: '期限切れ',
  state_burned: '破棄済み',
  createdAt: '依頼日時',
  expiresAt: '回答の受付期限',
  answeredAt: '回答日時',
  readAt: '閲覧日時',
  endedAt: '終了日時',
  refreshing: '依頼が有効な間、このページは数秒ごとに確認します。',
};

export default ja;
