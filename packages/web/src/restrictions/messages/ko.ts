import type { RestrictionMessages } from './en.js';

/** 한국어(존댓말). */
export const ko: RestrictionMessages = {
  intro:
    '시크릿이 열리기 전에 서버가 이 조건을 확인합니다. 거부된 시도는 아무것도 소진하지 않습니다. 사용하지 않을 항목은 비워 두세요.',
  recipientsLabel: '받는 사람 이메일 주소',
  recipientsHint:
    '받는 사람은 링크 페이지에서 자신의 주소를 고르고 이메일로 받은 6자리 코드를 입력합니다. 한 줄에 하나씩 또는 쉼표로 구분해 최대 {max}개까지 입력하세요. 서버는 시크릿이 사라질 때까지만 주소를 보관합니다.',
  recipientsRequired: '조직에서 필수로 정한 항목입니다. 주소를 하나 이상 입력하세요.',
  recipientsDomains: '조직에서 허용하는 주소 도메인: {domains}',
  verificationUnavailable:
    '조직에서 받는 사람 확인을 요구하지만 이 서버는 이메일을 보낼 수 없습니다. 운영자에게 문의하세요.',
  networksLabel: '허용할 네트워크',
  networksHint:
    '시크릿은 이 주소에서만 열립니다. 203.0.113.0/24나 2001:db8::/32 같은 IPv4 또는 IPv6 범위를 한 줄에 하나씩 또는 쉼표로 구분해 입력하세요.',
  networksPolicy:
    '조직에서 다음 네트워크를 요구합니다: {cidrs}. 범위를 더 좁힐 수 있으며, 비워 두면 그대로 적용됩니다.',
  hoursToggle: '업무 시간에만',
  hoursDays: '요일',
  hoursStart: '시작',
  hoursEnd: '종료',
  hoursZone: '시간대',
  hoursHint:
    '받는 사람의 시간대와 관계없이 여기서 고른 시간대를 기준으로 합니다. 종료를 00:00으로 하면 자정까지입니다.',
  hoursFixed: '조직에서 정한 업무 시간: {days}, {start}–{end}({zone})',
  countriesLabel: '허용할 국가',
  countriesHint:
    'NL, SE, DE 같은 두 글자 국가 코드를 쉼표나 공백으로 구분해 입력하세요. 서버는 위치 데이터베이스로 접속 국가를 판단하므로, VPN을 쓰는 경우 등에는 틀릴 수 있습니다.',
  countriesNamed: '허용: {names}',
  countriesPolicy:
    '조직에서 허용하는 국가는 다음뿐입니다: {codes}. 목록을 더 좁힐 수 있으며, 비워 두면 그대로 적용됩니다.',
  policyDefault: '조직의 기본값이 미리 입력되어 있습니다. 변경할 수 있습니다.',
  passphraseRequired: '조직에서 암호 문구를 요구합니다.',
  passphraseMin: '조직에서 {n}자 이상의 암호 문구를 요구합니다.',

  errEmail: '“{value}”은(는) 이메일 주소가 아닙니다.',
  errTooMany: '항목이 너무 많습니다: {count}개(최대 {max}개).',
  errDomain: '“{value}”은(는) 조직에서 허용하는 도메인({domains})의 주소가 아닙니다.',
  errCidr: '“{value}”은(는) 네트워크가 아닙니다. 192.168.1.0/24처럼 주소와 프리픽스 길이를 입력하세요.',
  errCidrPolicy: '{value}은(는) 조직에서 허용하는 네트워크 범위를 벗어납니다.',
  errDays: '업무 시간에 해당하는 요일을 하나 이상 선택하세요.',
  errTime: '업무 시간은 09:00처럼 시와 분으로 입력하세요.',
  errOrder: '업무 시간의 종료는 시작보다 늦어야 합니다(자정을 넘길 수 없습니다).',
  errZone: '“{value}”은(는) 시간대가 아닙니다. Asia/Seoul 같은 이름을 사용하세요.',
  errCountry: '“{value}”은(는) 두 글자 국가 코드가 아닙니다.',
  errCountryPolicy: '{value}은(는) 조직에서 허용하는 국가에 속하지 않습니다.',

  failInvalid: '서버가 제한 조건을 받아들이지 않았습니다. 주소, 네트워크, 업무 시간, 국가를 확인하세요.',
  failUnavailable:
    '이 서버는 제한 조건 중 하나를 적용할 수 없습니다. 메일 서버(받는 사람 확인용)나 위치 데이터베이스(국가 제한용)가 없습니다. 해당 조건을 빼고 다시 시도하세요.',
  failPolicy: '조직의 규칙상 이 시크릿을 만들 수 없습니다: {rule}',
  rule_members_only: '현재 구성원만 시크릿을 만들 수 있습니다.',
  rule_max_ttl: '유효 기간이 허용된 한도보다 깁니다.',
  rule_max_views: '열람 횟수가 허용된 한도보다 많습니다.',
  rule_passphrase_required: '암호 문구가 필요합니다.',
  rule_passphrase_min_length: '암호 문구가 너무 짧습니다.',
  rule_verification_required: '받는 사람 확인이 필요합니다.',
  rule_recipient_domains: '허용되지 않은 도메인의 받는 사람 주소가 있습니다.',
  rule_networks: '네트워크가 허용된 범위를 벗어납니다.',
  rule_countries: '국가가 허용된 범위를 벗어납니다.',
  rule_office_hours: '업무 시간이 정해진 시간과 다릅니다.',
  rule_server_encryption: '시크릿은 브라우저에서 암호화해야 합니다.',
  rule_unknown: '규칙 “{rule}”.',

  noteNetwork: '이 링크는 특정 네트워크에서만 열립니다.',
  noteHours: '이 링크는 특정 시간대에만 열립니다.',
  noteCountry: '이 링크는 특정 국가에서만 열립니다.',
  verifyLegend: '이메일 주소 확인',
  verifyIntro: '보낸 사람이 받는 사람 확인을 요청했습니다. 주소를 고르면 6자리 코드가 이메일로 전송됩니다.',
  verifyPick: '내 이메일 주소',
  sendCode: '코드 보내기',
  sendNewCode: '새 코드 보내기',
  sendingCode: '보내는 중…',
  codeSent: '{to}(으)로 코드를 보냈습니다. {time}까지 유효합니다.',
  codeLabel: '6자리 코드',
  codeHint: '이메일에 있습니다. 몇 분 안에 도착하지 않으면 스팸 폴더를 확인하거나 새 코드를 보내세요.',
  errPick: '먼저 이메일 주소를 선택하세요.',
  errCodeFormat: '이메일에 있는 6자리 코드를 입력하세요.',
  errSendFirst: '먼저 이메일 주소로 코드를 보낸 다음 여기에 입력하세요.',
  codeWrong_other: '코드가 올바르지 않습니다. 이 코드로 {n}번 더 시도할 수 있습니다.',
  codeUsedUp:
    '이 코드는 더 이상 사용할 수 없습니다. 너무 여러 번 잘못 입력했거나, 이미 사용했거나, 만료되었습니다. 새 코드를 보내세요.',
  codeLimit: '이 시크릿에 대해서는 더 이상 코드를 보낼 수 없습니다. 보낸 사람에게 새 링크를 요청하세요.',
  mailUnavailable: '지금은 이메일을 보낼 수 없습니다. 몇 분 후 다시 시도하세요.',
  verificationRequired:
    '이 시크릿은 이메일 주소를 확인한 후에만 열립니다. 주소를 고르고 코드를 보낸 다음 코드를 입력하세요.',
  outsideHours: '이 시크릿은 보낸 사람이 정한 시간에만 열립니다. 다음에 열리는 시각: {when}',
  outsideHoursLater: '이 시크릿은 보낸 사람이 정한 시간에만 열리며, 지금은 닫혀 있습니다.',
  networkRefused:
    '이 시크릿은 사내 네트워크나 VPN 등 보낸 사람이 정한 네트워크에서만 열리는데, 현재 연결은 여기에 해당하지 않습니다.',
  countryRefused: '현재 접속한 국가에서는 이 시크릿을 열 수 없습니다.',
  nothingUsed: '아무것도 소진되지 않았습니다. 다시 시도할 때도 링크는 작동합니다.',
};

export default ko;
