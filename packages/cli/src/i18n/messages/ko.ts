import type { CliMessages } from './en.js';

/** 한국어(존댓말, 웹 앱과 같은 용어). */
export const ko: CliMessages = {
  help: `사용법: burnlink COMMAND [옵션]

종단 간 암호화된 일회용 시크릿 링크. 시크릿은 이 컴퓨터에서 암호화되며, 서버는 키를 볼 수 없습니다
(키는 링크의 #프래그먼트에 있으며 전송되지 않습니다).

명령:
  send [TEXT]            시크릿을 암호화해 업로드하고 링크를 출력합니다(TEXT, 표준 입력 또는 프롬프트로
                         입력, --file PATH로 파일 첨부)
  get LINK               링크를 한 번 열고 시크릿을 출력합니다(--output DIR로 파일 저장)
  request [DESCRIPTION]  다른 사람에게 시크릿을 요청합니다. 상대에게 보낼 요청 링크를 출력합니다(get으로
                         답변을 읽을 받은편지함 링크는 표준 오류로 출력)
  respond REQUEST_LINK   표준 입력의 시크릿으로 요청에 답합니다(--file PATH로 파일 첨부)
  status RECEIPT_LINK    보낸 시크릿의 현황을 표시합니다
  burn RECEIPT_LINK|ID   보낸 시크릿을 지금 폐기합니다(ID나 시크릿 링크로 폐기하려면 API 키 필요)
  list                   조직의 시크릿 목록을 표시합니다(--scope own|team|org). API 키가 필요합니다
  login                  서버용 API 키를 저장합니다(숨김 입력 또는 표준 입력). logout은 키를 삭제합니다
  generate               무작위 비밀번호를 출력합니다
  serve                  burnlink 서버를 실행합니다
  admin COMMAND          서버 저장소의 계정을 관리합니다: create-org, invite, create-key, list-keys,
                         revoke-key, audit(참고: burnlink admin --help)

명령별 옵션은 \`burnlink COMMAND --help\`로 확인하세요.

환경 변수:
  BURNLINK_URL           send, status, burn, list에 사용할 서버(기본값: burnlink login의 서버, 없으면
                         http://127.0.0.1:8080)
  BURNLINK_API_KEY       그 서버로 보낼 API 키(bl_…). 보낸 시크릿은 키의 조직에 속합니다. list와 ID로
                         burn할 때 필요합니다(대신 burnlink login으로 저장할 수도 있습니다)
  BURNLINK_PASSPHRASE    물어볼 터미널이 없을 때 사용할 암호 문구(send --passphrase, get)

종료 코드:
  0 성공 · 1 예기치 않은 오류 · 2 잘못된 사용법 또는 입력 · 3 알 수 없거나 만료되었거나 이미 사용된 시크릿
  4 틀린 암호 문구 · 5 잠김(암호 문구를 너무 여러 번 틀려 폐기됨) · 6 서버에 연결할 수 없음
  7 서버 오류 · 8 요청 횟수 제한 · 9 암호 문구가 필요하지만 없음 · 10 --output에 파일을 쓸 수 없음
  11 API 키가 없거나 서버가 거부함(401) · 12 API 키의 권한 또는 범위 부족(403)
  13 시크릿의 제한 조건으로 거부됨(업무 시간, 네트워크, 국가) · 14 받는 사람 확인이 필요하거나
  코드가 틀림 · 15 요청에 아직 답변이 없음(get INBOX_LINK)
  130 취소됨(Ctrl-C)

옵션:
  -h, --help             이 도움말을 표시합니다
  -v, --version          버전을 출력합니다
`,

  unknownCommand: '알 수 없는 명령{name}',
  unknownCommandLinkHint: '. 링크를 열려면: burnlink get LINK',
  unknownCommandHelpHint: ' (참고: burnlink --help)',
  cancelled: '취소됨',
  unexpected: '예기치 않은 오류({kind}). 문제를 보고해 주세요',

  promptSecret: '시크릿(입력 내용 숨김): ',
  promptPassphrase: '암호 문구: ',
  promptPassphraseAgain: '암호 문구(다시 입력): ',
  promptApiKey: 'API 키(입력 내용 숨김): ',
  promptSendCode: '코드를 보낼까요? [1]: ',
  promptAddress: '내 주소 [1-{count}]: ',
  promptCode: '확인 코드: ',
  emptySecret: '시크릿이 비어 있습니다',
  emptyPassphrase: '암호 문구가 비어 있습니다',
  passphrasesDiffer: '두 암호 문구가 일치하지 않습니다',

  sentPassword: '비밀번호(한 번만 표시됨): {password}',
  sentReceipt: '수신 확인: {link}',
  sentExpires: '만료: {at}({relative})',
  burned: '폐기됨: 링크가 더 이상 작동하지 않습니다.',
  noSecrets: '시크릿이 없습니다.',
  notLoggedIn: '로그인하지 않았습니다: 저장된 키가 없습니다.',

  hintNotAuthenticated: ' (BURNLINK_API_KEY를 유효한 키로 설정하거나 burnlink login을 실행하세요)',
  hintForbidden: ' (관리자에게 해당 권한이 있는 키를 요청하세요)',
  fail_not_found: '알 수 없는 시크릿: 존재하지 않았거나, 만료되었거나, 이미 열람 또는 폐기되었습니다',
  fail_wrong_passphrase: '암호 문구가 틀렸습니다. 시크릿이 폐기되기 전까지 남은 시도 횟수: {n}',
  fail_locked: '암호 문구가 틀렸으며 마지막 시도였습니다. 시크릿이 폐기되었습니다',
  fail_passphrase_required:
    '이 시크릿은 암호 문구로 보호되어 있지만 암호 문구가 주어지지 않았습니다(소진된 것 없음)',
  fail_rate_limited: '요청이 너무 많습니다. 나중에 다시 시도하세요',
  fail_invalid_request: '서버가 요청을 거부했습니다({code})',
  fail_bad_link: '올바른 burnlink 링크가 아닙니다',
  fail_decrypt_failed: '이 링크로 시크릿을 복호화하지 못했습니다. 링크가 손상되었거나 불완전합니다',
  fail_network: '서버에 연결할 수 없습니다',
  fail_server: '서버에서 오류가 발생했거나 예상치 못한 응답을 보냈습니다',
  fail_cancelled: '취소됨',
  fail_restricted: '시크릿의 제한 조건이 이 시도를 거부했습니다({code}). 소진된 것은 없습니다',
  fail_verification_required: '이 시크릿은 확인된 받는 사람만 열 수 있습니다(소진된 것 없음)',
  fail_verification_code_invalid: '확인 코드가 틀렸거나, 이미 사용되었거나, 만료되었습니다(소진된 것 없음)',
  fail_request_not_found: '알 수 없는 요청: 이미 답변되었거나, 폐기되었거나, 만료되었거나, 존재하지 않습니다',
  fail_request_answered: '이 요청에는 이미 답변이 있습니다. 답변은 한 번만 받습니다',
};

export default ko;
