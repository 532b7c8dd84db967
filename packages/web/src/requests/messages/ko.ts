import type { RequestMessages } from './en.js';

/** 한국어(존댓말). */
export const ko: RequestMessages = {
  requestTitle: '시크릿 요청',
  requestIntro:
    '다른 사람에게 비밀번호, 키 또는 파일을 요청하세요. 상대가 요청 링크에서 입력한 내용은 상대의 브라우저에서 암호화되며, 내 받은편지함 링크로만 한 번 읽을 수 있습니다.',
  descriptionLabel: '무엇이 필요하신가요?',
  descriptionHint:
    '요청받는 사람에게는 이 내용이 보이지만 서버는 볼 수 없습니다(이 브라우저에서 암호화됨). 시크릿 자체는 여기에 쓰지 마세요.',
  waitLabel: '답변을 기다릴 기간',
  answerWaitLabel: '답변을 읽을 때까지 보관할 기간',
  createButton: '요청 만들기',
  creating: '만드는 중…',
  errEmpty: '먼저 무엇이 필요한지 입력하세요.',
  errTooLong: '설명이 너무 깁니다: {size}(최대 {max}).',
  errNotAllowed: '조직에서 시크릿 요청을 허용하지 않습니다.',

  readyTitle: '요청이 준비되었습니다',
  requestLinkLabel: '요청 링크: 시크릿을 가진 사람에게 보내세요',
  copyRequestLink: '요청 링크 복사',
  requestQr: '요청 링크의 QR 코드',
  inboxLinkLabel: '받은편지함 링크: 혼자만 보관하세요',
  copyInboxLink: '받은편지함 링크 복사',
  inboxWarning:
    '받은편지함 링크를 안전한 곳에 보관하세요. 답변을 읽을 수 있는 유일한 방법이며, 누구도(서버조차) 복구해 줄 수 없습니다. 아무에게도 보내지 마세요.',
  openInbox: '받은편지함 열기',
  receiptLinkLabel: '수신 확인 링크: 요청에 답변이 왔는지, 읽혔는지 보여 줍니다(답변 내용은 표시하지 않음)',
  copyReceiptLink: '수신 확인 링크 복사',
  waitsUntil: '요청 링크는 {date}까지 답변 한 건에 사용할 수 있습니다.',
  requestAnother: '다른 시크릿 요청',

  respondTitle: '누군가 시크릿을 요청했습니다',
  askedFor: '요청 내용',
  respondIntro:
    '보내는 내용은 이 브라우저에서 암호화됩니다. 요청한 사람만 한 번 읽을 수 있으며, 그 후에는 서버에서 사라집니다.',
  answerLabel: '시크릿',
  answerKept: '읽히지 않으면 답변은 보낸 후 {time}이 지나면 삭제됩니다.',
  sendButton: '시크릿 보내기',
  sending: '보내는 중…',
  errAnswerEmpty: '먼저 시크릿을 입력하거나 파일을 첨부하세요.',
  sentTitle: '보냄',
  sentBody: '보냈습니다. 요청한 사람이 한 번 읽을 수 있으며, 그 후에는 서버에서 사라집니다.',
  sentExpires: '{date}까지 읽히지 않으면 읽지 않은 상태로 삭제됩니다.',
  requestGoneTitle: '종료된 요청입니다',
  requestGone:
    '이 요청은 이미 답변되었거나, 폐기되었거나, 만료되었거나, 존재하지 않습니다. 요청을 보낸 사람에게 새 요청을 부탁하세요.',
  alreadyAnswered: '누군가 이미 이 요청에 답변했습니다. 답변은 한 건만 받습니다.',
  notSent: '입력한 내용은 아무것도 전송되지 않았습니다.',
  missingKey: '이 링크는 불완전합니다. # 뒷부분이 빠져 있습니다. 전체 링크를 사용하세요.',
  badLink: '이 링크는 손상되어 사용할 수 없습니다. 전체 링크를 사용하세요.',
  descriptionUnreadable: '이 링크로는 설명을 복호화할 수 없습니다. 전체 링크를 요청하세요.',

  inboxTitle: '요청 받은편지함',
  inboxUnknown:
    '알 수 없는 받은편지함입니다. 링크가 잘못되었거나, 요청이 끝난 지 오래되어 남은 것이 없습니다.',
  waitingBody: '아직 아무도 답변하지 않았습니다. 이 페이지는 몇 초마다 다시 확인합니다.',
  answeredBody: '답변이 도착했습니다. 한 번만 읽을 수 있으며, 보면 서버에서 삭제됩니다.',
  answerFiles_other: '파일 {n}개가 있습니다.',
  answerPassphrase: '암호 문구로 보호되어 있습니다. 답변한 사람에게 문의하세요.',
  revealButton: '답변 보기',
  readBody: '답변을 읽었습니다. 서버에서 삭제되었습니다.',
  expiredBody: '이 요청은 답변이 읽히지 않은 채 종료되었습니다.',
  burnedBody: '이 요청은 폐기되었습니다.',
  burnRequest: '이 요청 폐기',
  burnConfirm: '이 요청을 지금 폐기할까요? 아무도 답변할 수 없게 되며, 아직 읽지 않은 답변도 폐기됩니다.',
  burnedNow: '요청을 폐기했습니다.',

  receiptTitle: '요청 수신 확인',
  receiptIntro: '요청의 현황입니다. 수신 확인에는 답변 내용이 절대 표시되지 않습니다.',
  receiptUnknown: '알 수 없는 수신 확인이거나, 해당 요청이 끝난 지 오래되었습니다.',
  stateLabel: '상태',
  state_waiting: '답변 대기 중',
  state_answered: '답변됨, 아직 읽지 않음',
  state_read: '읽음',
  state_expired: '만료됨',
  state_burned: '폐기됨',
  createdAt: '요청 시각',
  expiresAt: '답변 대기 마감',
  answeredAt: '답변 시각',
  readAt: '읽은 시각',
  endedAt: '종료 시각',
  refreshing: '요청이 열려 있는 동안 이 페이지는 몇 초마다 다시 확인합니다.',
};

export default ko;
