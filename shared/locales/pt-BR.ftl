# Português do Brasil (você). Needs a native speaker's review (see README).

## Common

time-utc = { $datetime } (UTC)
time-in-zone = { $datetime } ({ $zone }, { $offset })
role-phrase-viewer = espectador
role-phrase-speaker = palestrante
role-phrase-moderator = moderador
role-name-viewer = Espectador
role-name-speaker = Palestrante
role-name-moderator = Moderador
role-word-viewer = espectador
role-word-speaker = palestrante
role-word-moderator = moderador
role-plural-viewer = espectadores
role-plural-speaker = palestrantes
role-plural-moderator = moderadores
list-two = { $first } e { $second }
permission-live = Transmissão ao vivo
permission-chat = Chat
permission-qa = Perguntas e respostas
permission-interactions = Enquetes e reações
permission-backchannel = Canal privado dos palestrantes
permission-qa-moderation = Moderação de perguntas
language-picker = Idioma

## Pages

page-join-title = Entrar em { $title }
page-starts = Começa: { $time }
page-invited-as = Você foi convidado como { $role }.
lobby-form-title = Entrar na sala
lobby-email-label = Seu endereço de e-mail
lobby-email-help = Digite o endereço para o qual este convite foi enviado.
lobby-code-promise = Vamos enviar por e-mail um código de 6 dígitos para confirmar que é você.
lobby-code-sent = Enviamos um código de 6 dígitos para { $email }.
lobby-code-your-address = seu endereço
lobby-code-valid = { $minutes ->
    [one] Ele vale por 1 minuto.
   *[other] Ele vale por { $minutes } minutos.
}
lobby-code-spam = Confira a pasta de spam se ele não chegar.
lobby-code-label = Código do e-mail
lobby-continue = Continuar
lobby-login = Entrar
lobby-resend-hint = Não recebeu o código? Você pode pedir um novo 30 segundos depois do último.
lobby-resend = Enviar um novo código
lobby-sso-hint = Este evento é da sua organização: entre com a conta da sua organização, usando o endereço para o qual o convite foi enviado.
lobby-sso-continue = Continuar com o login
waiting-denied-title = O anfitrião não deixou você entrar
waiting-denied-reason = Motivo: { $reason }
waiting-knock-hint = Se você acha que é um engano, pode pedir de novo.
waiting-knock = Bater de novo
waiting-contact = Fale com o organizador se você acha que é um engano.
waiting-title = Você está na sala de espera
waiting-note = O anfitrião sabe que você está aqui. Mantenha esta página aberta: ela deixa você entrar sozinha assim que ele permitir.
section-speakers = Palestrantes
section-attachments = Anexos
opens-in-new-tab = (abre em uma nova aba)
feature-live = A transmissão ao vivo aparece aqui.
feature-chat = Converse com todos na sala.
feature-qa = Faça uma pergunta aos palestrantes.
feature-interactions = Enquetes e reações aparecem aqui.
feature-backchannel = Um canal privado para palestrantes e moderadores.
feature-qa-moderation = Aprovar, responder e descartar perguntas.
stage-title = Sala ao vivo
stage-connecting = Conectando você à sala ao vivo…
stage-open = Abrir a sala ao vivo
invite-title = Convidar alguém
invite-help = { $limit ->
    [one] A pessoa recebe um convite seu por e-mail, com um link que funciona uma vez. Você pode convidar 1 pessoa para esta sala.
   *[other] A pessoa recebe um convite seu por e-mail, com um link que funciona uma vez. Você pode convidar até { $limit } pessoas para esta sala.
}
invite-email-label = E-mail da pessoa
invite-role-label = Função
invite-send = Enviar convite
invite-sent = Seu convite foi enviado.
event-opens-itself = Esta página abre a sala sozinha quando a sessão começar.
room-you-are = Você é { $role }.
countdown-hms = Começa em { $hms }
countdown-days-hms = { $days ->
    [one] Começa em 1 dia { $hms }
   *[other] Começa em { $days } dias { $hms }
}
panel-title = Sala de espera
panel-sound = Tocar um som quando alguém bater
panel-empty = Ninguém está esperando.
panel-admit-all = Deixar todos entrarem
panel-admit = Deixar entrar
panel-admit-who = Deixar { $name } entrar
panel-reason = Motivo (opcional)
panel-reason-who = Motivo para recusar { $name } (opcional)
panel-deny = Recusar
panel-deny-who = Recusar { $name }

## Messages of the page script

js-deciding = O anfitrião decidiu. Um momento…
js-starting = A sessão está começando. Abrindo a sala…
js-starting-now = Começando agora…
js-opening-stage = Abrindo a sala ao vivo…
js-stage-retry = Não foi possível acessar a sala ao vivo. Tentando de novo…
js-role-now = Sua função agora é: { $role }.
js-sending = Enviando o convite…
js-invite-not-emailed = O convite para { $email } foi criado, mas o e-mail não pôde ser enviado. Peça ao anfitrião para reenviá-lo.
js-invite-sent = Convite enviado para { $email } como { $role }.
js-invite-failed = O convite não foi enviado.
js-invite-unreachable = O convite não foi enviado: não foi possível acessar o serviço. Tente de novo.

## Error pages

error-what-to-do = O que você pode fazer
error-code = Código do erro: { $code }
error-contact = Fale com o organizador do evento.
error-signed-in-as = Você entrou como { $email }, mas este convite foi enviado para outro endereço.
error-signed-in-advice = Saia da conta da sua organização e entre com o endereço para o qual o convite foi enviado, ou peça ao organizador para convidar { $email }.
error-forbidden-page = O formulário de acesso foi enviado de outro site, por isso você não entrou.
error-other-title = Algo deu errado
error-other-message = Algo deu errado do nosso lado. Tente de novo.
error-other-advice = Atualize a página. Se continuar acontecendo, fale com o organizador.
error-invalid_link-title = Este link não funciona
error-invalid_link-message = Este link de convite não é válido.
error-invalid_link-advice = Confira se você abriu o link completo do e-mail de convite mais recente. Se o anfitrião enviou um novo convite, só o link dele funciona. Caso contrário, peça um novo link ao organizador.
error-invite_revoked-title = Este convite foi removido
error-invite_revoked-message = O anfitrião removeu este convite.
error-invite_revoked-advice = O convite foi removido. Pergunte ao anfitrião se você ainda deve participar.
error-room_deleted-title = Esta sala foi removida
error-room_deleted-message = Esta sala foi excluída.
error-room_deleted-advice = A sala foi removida. Peça detalhes ao anfitrião.
error-link_expired-title = Este link expirou
error-link_expired-message = Este link de convite expirou.
error-link_expired-advice = Peça um novo link ao organizador.
error-link_used-title = Este link já foi usado
error-link_used-message = Este link de convite já foi utilizado.
error-link_used-advice = Peça um novo link ao organizador.
error-email_mismatch-title = Endereço de e-mail errado
error-email_mismatch-message = Este não é o endereço para o qual o convite foi enviado.
error-email_mismatch-advice = Digite o endereço para o qual o convite foi enviado. Se você foi convidado com outro endereço, abra o link a partir daquela caixa de entrada.
error-too_many_attempts-title = Este convite está bloqueado
error-too_many_attempts-message = Foram digitados endereços errados demais para este convite.
error-too_many_attempts-advice = Para sua segurança, este convite está bloqueado. Peça ao organizador para reenviá-lo.
error-not_a_participant-title = Você não entrou nesta sala
error-not_a_participant-message = Você não entrou nesta sala.
error-not_a_participant-advice = Abra o link de convite do seu e-mail para entrar nesta sala. Se você já entrou, atualize a sala.
error-domain_blocked-title = Seu domínio de e-mail está bloqueado
error-domain_blocked-message = Endereços deste domínio estão bloqueados pela política da sua organização.
error-domain_blocked-advice = Sua organização bloqueia este domínio de e-mail. Peça ao organizador para convidar outro endereço seu.
error-invalid_email-title = Isso não é um endereço de e-mail
error-invalid_email-message = Esse não é um endereço de e-mail válido.
error-invalid_email-advice = Confira o endereço e tente de novo.
error-room_not_found-title = Sala inexistente
error-room_not_found-message = Essa sala não existe.
error-room_not_found-advice = Confira o endereço ou peça um novo link ao anfitrião.
error-not_found-title = Página não encontrada
error-not_found-message = Essa página não existe.
error-not_found-advice = Confira o endereço ou abra de novo o link do seu e-mail de convite.
error-forbidden-title = Este pedido foi recusado
error-forbidden-message = Você não tem permissão para fazer isso.
error-forbidden-advice = Abra você mesmo o link de convite do seu e-mail e digite seu endereço naquela página.
error-guest-disabled = Sua organização desativou os convites feitos de dentro da sala.
error-guest-viewer = Espectadores não podem convidar ninguém. Peça a um palestrante, a um moderador ou ao anfitrião.
error-guest-above-role = Como { $inviter }, você pode convidar { $roles }, não { $requested }. Peça ao anfitrião.
error-guest-advice = Peça ao anfitrião para convidar essas pessoas.
error-guest-cross-site = O formulário de convite foi enviado de outro site, por isso foi recusado.
error-invite_limit_reached-title = Você atingiu seu limite de convites
error-invite_limit_reached-message = Você já enviou para esta sala tantos convites quanto sua organização permite.
error-invite_limit_reached-advice = Peça ao anfitrião para convidar mais pessoas.
error-code_invalid-title = Esse código não está certo
error-code_invalid-message = Esse código não está certo.
error-code_invalid-advice = Confira o código de 6 dígitos no e-mail mais recente que enviamos e digite-o de novo.
error-code_expired-title = Peça um novo código
error-code_expired-message = Esse código expirou ou já foi usado. Peça um novo.
error-code_expired-advice = Peça um novo código: vamos enviá-lo por e-mail na hora.
error-too_many_requests-title = Aguarde um momento
error-too_many_requests-message = Aguarde um pouco antes de pedir de novo.
error-too_many_requests-advice = Aguarde um momento e tente de novo. Procure na caixa de entrada e no spam o código que já enviamos.
error-sso_failed-title = O login não foi concluído
error-sso_failed-message = O login não foi concluído.
error-sso_failed-advice = Comece o login de novo pelo link do convite. Se continuar falhando, fale com o organizador.
error-verification_required-title = Entre para continuar
error-verification_required-message = Este convite exige que você entre com a conta da sua organização.
error-verification_required-advice = Continue com o login da sua organização.
error-identity_provider_unavailable-title = O login não está disponível agora
error-identity_provider_unavailable-message = Não é possível acessar o login da sua organização agora.
error-identity_provider_unavailable-advice = Aguarde um momento e tente de novo. Se continuar acontecendo, fale com o organizador.
error-service_unavailable-title = O serviço está sobrecarregado
error-service_unavailable-message = O serviço está sobrecarregado ou indisponível por um instante. Tente de novo daqui a pouco.
error-service_unavailable-advice = Esta página tenta de novo sozinha em alguns segundos. Se continuar acontecendo, tente mais tarde.
error-awaiting_approval-title = Você está na sala de espera
error-awaiting_approval-message = Você está na sala de espera: o anfitrião vai deixar você entrar.
error-awaiting_approval-advice = Mantenha esta página aberta: ela entra na sala sozinha assim que o anfitrião deixar você entrar.
error-admission_denied-title = O anfitrião não deixou você entrar
error-admission_denied-message = O anfitrião não deixou você entrar.
error-admission_denied-advice = Se você acha que é um engano, pode bater de novo daqui a um minuto ou falar com o organizador.
error-not_live-title = A sala ainda não está ao vivo
error-not_live-message = A sala ainda não está ao vivo.
error-not_live-advice = Abra a página do evento: ela entra na sala sozinha quando a sessão começar.
error-room_backend_unavailable-title = Não é possível acessar a sala ao vivo
error-room_backend_unavailable-message = Não foi possível acessar a sala ao vivo. Tente de novo.
error-room_backend_unavailable-advice = Atualize a página daqui a pouco. Se continuar acontecendo, fale com o organizador.
error-guest-refused-title = Este convite foi recusado

## Emails

email-link-once = O link funciona uma vez: abra-o no aparelho em que você vai assistir.
email-link-n-times = { $uses ->
    [one] O link funciona uma vez.
   *[other] O link funciona { $uses } vezes.
}
email-link-unlimited = O link funciona quantas vezes for preciso até expirar.
email-the-organizer = O organizador
email-guest-inviter = { $name } ({ $role } nesta sala)
email-invitation-subject = Convite: { $title }
email-invitation-heading = Você foi convidado para { $title }
email-invitation-who = { $who } convidou você para “{ $title }” como { $role }.
email-starts = Começa: { $time }
email-join = Entrar na sala
email-join-text = Entrar: { $link }
email-valid-until = O link vale até { $time }. { $uses }
email-enter-address = Quando for pedido, digite este endereço de e-mail ({ $email }).
email-copy-link = Se o botão não funcionar, copie este endereço no seu navegador:
email-ignore = Se você não esperava este convite, pode ignorar este e-mail.
email-code-subject = Seu código para { $title }
email-code-heading = Seu código para { $title }
email-code-intro = Seu código para entrar em “{ $title }” é:
email-code-type-it = Digite este código na página em que você o pediu.
email-code-valid = { $minutes ->
    [one] Ele funciona uma vez, por 1 minuto.
   *[other] Ele funciona uma vez, por { $minutes } minutos.
}
email-code-ignore = Se você não pediu um código, pode ignorar este e-mail: sem ele, ninguém consegue usar seu convite.
email-role-subject = Sua função em { $title } agora é { $role }
email-role-changed = Sua função em “{ $title }” mudou de { $from } para { $to }.
email-role-gained = Agora você pode usar: { $list }.
email-role-lost = Você não tem mais: { $list }.
email-role-nothing-to-do = Nada a fazer: a mudança vale na sala ({ $url }) em poucos segundos.
email-when-tomorrow = amanhã
email-when-days = { $n ->
    [one] em 1 dia
   *[other] em { $n } dias
}
email-when-hours = { $n ->
    [one] em 1 hora
   *[other] em { $n } horas
}
email-when-minutes = { $n ->
    [one] em 1 minuto
   *[other] em { $n } minutos
}
email-reminder-subject = Lembrete: { $title } começa { $when }
email-reminder-heading = { $title } começa { $when }
email-reminder-joined = Se você já entrou, a sala está aqui: { $url }
email-reminder-otherwise = Caso contrário, abra o link do seu e-mail de convite e digite este endereço ({ $email }).
email-update-subject = Atualizado: { $title } agora começa em { $time }
email-update-heading = { $title } foi remarcado
email-update-now-starts = Agora começa em { $time }.
email-update-same-link = Seu link de convite continua o mesmo. O arquivo de calendário anexo atualiza o evento na sua agenda.
email-cancel-subject = Cancelado: { $title }
email-cancel-heading = { $title } foi cancelado
email-cancel-body = A sessão de { $time } foi cancelada pelo organizador. Seu link de convite não funciona mais.
email-cancel-calendar = O arquivo de calendário anexo remove o evento da sua agenda.
email-unsubscribe = Parar de receber lembretes e atualizações deste evento
email-unsubscribe-text = Parar de receber lembretes e atualizações deste evento: { $url }
calendar-description = Entre com o link do seu e-mail de convite.
calendar-organizer = Convites para salas

## One-click unsubscribe page

unsubscribe-title = Parar os lembretes de { $title }
unsubscribe-explain = Você não vai mais receber lembretes, atualizações nem cancelamentos deste evento em { $email }. Convites que um anfitrião enviar depois continuam chegando.
unsubscribe-confirm = Parar estes e-mails
unsubscribe-done-title = Você não vai mais receber lembretes deste evento
unsubscribe-done = { $email } não vai mais receber lembretes, atualizações nem cancelamentos de { $title }.
