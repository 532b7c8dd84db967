import type { RestrictionMessages } from './en.js';

/** Português (Brasil). */
export const ptBR: RestrictionMessages = {
  intro:
    'O servidor verifica estas condições antes de o segredo abrir. Uma tentativa recusada não gasta nada. Deixe um campo vazio para não usá-lo.',
  recipientsLabel: 'Endereços de e-mail dos destinatários',
  recipientsHint:
    'O destinatário escolhe o próprio endereço na página do link e digita um código de 6 dígitos enviado a ele por e-mail. Um endereço por linha ou separados por vírgulas, no máximo {max}. O servidor guarda os endereços só enquanto o segredo existir.',
  recipientsRequired: 'Sua organização exige isto: informe pelo menos um endereço.',
  recipientsDomains: 'Sua organização permite endereços em: {domains}.',
  verificationUnavailable:
    'Sua organização exige a verificação do destinatário, mas este servidor não consegue enviar e-mails. Fale com o administrador.',
  networksLabel: 'Redes permitidas',
  networksHint:
    'O segredo só abre a partir destes endereços: faixas IPv4 ou IPv6 como 203.0.113.0/24 ou 2001:db8::/32, uma por linha ou separadas por vírgulas.',
  networksPolicy:
    'Sua organização exige estas redes: {cidrs}. Você pode restringi-las; se deixar vazio, elas valem como estão.',
  hoursToggle: 'Só em horário comercial',
  hoursDays: 'Dias',
  hoursStart: 'Das',
  hoursEnd: 'Até',
  hoursZone: 'Fuso horário',
  hoursHint:
    'No fuso horário escolhido aqui, seja qual for o do destinatário. Um fim às 00:00 significa meia-noite.',
  hoursFixed: 'Sua organização exige horário comercial: {days}, {start}–{end} ({zone}).',
  countriesLabel: 'Países permitidos',
  countriesHint:
    'Códigos de país de duas letras, como BR, PT ou DE, separados por vírgulas ou espaços. O servidor descobre o país de uma conexão em um banco de dados de localização, que pode errar, por exemplo atrás de uma VPN.',
  countriesNamed: 'Permitidos: {names}.',
  countriesPolicy:
    'Sua organização permite apenas: {codes}. Você pode restringir a lista; se deixar vazio, ela vale como está.',
  policyDefault: 'Preenchido com o padrão da sua organização. Você pode alterar.',
  passphraseRequired: 'Sua organização exige uma frase de acesso.',
  passphraseMin: 'Sua organização exige uma frase de acesso de pelo menos {n} caracteres.',

  errEmail: '“{value}” não é um endereço de e-mail.',
  errTooMany: 'Entradas demais: {count} de no máximo {max}.',
  errDomain: '“{value}” não está em um domínio permitido pela sua organização ({domains}).',
  errCidr: '“{value}” não é uma rede. Escreva um endereço e um tamanho de prefixo, como 192.168.1.0/24.',
  errCidrPolicy: '{value} está fora das redes permitidas pela sua organização.',
  errDays: 'Escolha pelo menos um dia para o horário comercial.',
  errTime: 'Informe o horário comercial em horas e minutos, como 09:00.',
  errOrder: 'O horário comercial precisa terminar depois de começar (não pode passar da meia-noite).',
  errZone: '“{value}” não é um fuso horário. Use um nome como America/Sao_Paulo.',
  errCountry: '“{value}” não é um código de país de duas letras.',
  errCountryPolicy: '{value} não está entre os países permitidos pela sua organização.',

  failInvalid:
    'O servidor não aceitou as restrições. Verifique os endereços, as redes, o horário comercial e os países.',
  failUnavailable:
    'Este servidor não consegue aplicar uma destas restrições: não tem servidor de e-mail (para a verificação do destinatário) ou banco de dados de localização (para os países). Remova-a e tente de novo.',
  failPolicy: 'As regras da sua organização não permitem este segredo: {rule}',
  rule_members_only: 'só membros atuais podem criar segredos.',
  rule_max_ttl: 'a validade é maior do que a permitida.',
  rule_max_views: 'ele permite mais visualizações do que o permitido.',
  rule_passphrase_required: 'é obrigatória uma frase de acesso.',
  rule_passphrase_min_length: 'a frase de acesso é curta demais.',
  rule_verification_required: 'é obrigatória a verificação do destinatário.',
  rule_recipient_domains: 'um endereço de destinatário está em um domínio não permitido.',
  rule_networks: 'as redes vão além das permitidas.',
  rule_countries: 'os países vão além dos permitidos.',
  rule_office_hours: 'o horário comercial é diferente do exigido.',
  rule_server_encryption: 'o segredo precisa ser criptografado no navegador.',
  rule_unknown: 'regra “{rule}”.',

  noteNetwork: 'Este link só abre a partir de determinadas redes.',
  noteHours: 'Este link só abre em determinados horários.',
  noteCountry: 'Este link só abre a partir de determinados países.',
  verifyLegend: 'Confirme seu endereço de e-mail',
  verifyIntro:
    'O remetente pediu que o destinatário seja confirmado. Escolha seu endereço e você receberá por e-mail um código de 6 dígitos.',
  verifyPick: 'Seu endereço de e-mail',
  sendCode: 'Enviar código',
  sendNewCode: 'Enviar um novo código',
  sendingCode: 'Enviando…',
  codeSent: 'Um código foi enviado para {to}. Ele vale até {time}.',
  codeLabel: 'Código de 6 dígitos',
  codeHint:
    'Está no e-mail. Se ele não chegar em alguns minutos, verifique a pasta de spam ou envie um novo código.',
  errPick: 'Primeiro escolha seu endereço de e-mail.',
  errCodeFormat: 'Digite o código de 6 dígitos do e-mail.',
  errSendFirst: 'Primeiro envie um código para o seu endereço de e-mail e depois digite-o aqui.',
  codeWrong_one: 'Esse código não está certo. Resta {n} tentativa com este código.',
  codeWrong_many: 'Esse código não está certo. Restam {n} de tentativas com este código.',
  codeWrong_other: 'Esse código não está certo. Restam {n} tentativas com este código.',
  codeUsedUp:
    'Este código não funciona mais: foi digitado errado vezes demais, já foi usado ou expirou. Envie um novo código.',
  codeLimit: 'Não é possível enviar mais códigos para este segredo. Peça ao remetente um novo link.',
  mailUnavailable: 'Não foi possível enviar o e-mail agora. Tente de novo em alguns minutos.',
  verificationRequired:
    'Este segredo só abre depois que você confirmar seu endereço de e-mail: escolha-o, envie um código e digite o código.',
  outsideHours: 'Este segredo só abre nos horários escolhidos pelo remetente. Ele abre de novo em {when}.',
  outsideHoursLater: 'Este segredo só abre nos horários escolhidos pelo remetente, e agora está fechado.',
  networkRefused:
    'Este segredo só abre a partir das redes escolhidas pelo remetente, como a rede de um escritório ou uma VPN, e a sua conexão não é uma delas.',
  countryRefused: 'Este segredo não pode ser aberto do país de onde você está se conectando.',
  nothingUsed: 'Nada foi gasto: o link continua funcionando quando você tentar de novo.',
};

export default ptBR;
