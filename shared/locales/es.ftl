# Español (trato de usted). Needs a native speaker's review (see README).

## Common

time-utc = { $datetime } (UTC)
time-in-zone = { $datetime } ({ $zone }, { $offset })
role-phrase-viewer = espectador
role-phrase-speaker = ponente
role-phrase-moderator = moderador
role-name-viewer = Espectador
role-name-speaker = Ponente
role-name-moderator = Moderador
role-word-viewer = espectador
role-word-speaker = ponente
role-word-moderator = moderador
role-plural-viewer = espectadores
role-plural-speaker = ponentes
role-plural-moderator = moderadores
list-two = { $first } y { $second }
permission-live = Transmisión en directo
permission-chat = Chat
permission-qa = Preguntas y respuestas
permission-interactions = Encuestas y reacciones
permission-backchannel = Canal privado de ponentes
permission-qa-moderation = Moderación de preguntas
language-picker = Idioma

## Pages

page-join-title = Unirse a { $title }
page-starts = Empieza: { $time }
page-invited-as = Está invitado como { $role }.
lobby-form-title = Entrar en la sala
lobby-email-label = Su dirección de correo electrónico
lobby-email-help = Introduzca la dirección a la que se envió esta invitación.
lobby-code-promise = Le enviaremos por correo un código de 6 dígitos para confirmar que es usted.
lobby-code-sent = Hemos enviado un código de 6 dígitos a { $email }.
lobby-code-your-address = su dirección
lobby-code-valid = { $minutes ->
    [one] Es válido durante 1 minuto.
   *[other] Es válido durante { $minutes } minutos.
}
lobby-code-spam = Revise la carpeta de correo no deseado si no llega.
lobby-code-label = Código del correo
lobby-continue = Continuar
lobby-login = Entrar
lobby-resend-hint = ¿No ha llegado el código? Puede pedir uno nuevo 30 segundos después del último.
lobby-resend = Enviar un código nuevo
lobby-sso-hint = Este evento es para su organización: inicie sesión con la cuenta de su organización, usando la dirección a la que se envió la invitación.
lobby-sso-continue = Continuar con el inicio de sesión
waiting-denied-title = El anfitrión no le ha dejado entrar
waiting-denied-reason = Motivo: { $reason }
waiting-knock-hint = Si cree que es un error, puede volver a pedirlo.
waiting-knock = Volver a llamar
waiting-contact = Póngase en contacto con el organizador si cree que es un error.
waiting-title = Está en la sala de espera
waiting-note = El anfitrión sabe que está aquí. Mantenga esta página abierta: le dejará entrar sola en cuanto el anfitrión lo haga.
section-speakers = Ponentes
section-attachments = Archivos adjuntos
opens-in-new-tab = (se abre en una pestaña nueva)
feature-live = Aquí se reproduce la transmisión en directo.
feature-chat = Chatee con todas las personas de la sala.
feature-qa = Haga una pregunta a los ponentes.
feature-interactions = Aquí aparecen las encuestas y reacciones.
feature-backchannel = Un canal privado para ponentes y moderadores.
feature-qa-moderation = Aprobar, responder y descartar preguntas.
stage-title = Sala en directo
stage-connecting = Conectándole a la sala en directo…
stage-open = Abrir la sala en directo
invite-title = Invitar a alguien
invite-help = { $limit ->
    [one] Recibirá de usted una invitación por correo, con un enlace que funciona una vez. Puede invitar a 1 persona a esta sala.
   *[other] Recibirá de usted una invitación por correo, con un enlace que funciona una vez. Puede invitar hasta a { $limit } personas a esta sala.
}
invite-email-label = Dirección de correo de la persona
invite-role-label = Rol
invite-send = Enviar invitación
invite-sent = Su invitación se ha enviado.
event-opens-itself = Esta página abre la sala sola cuando empieza la sesión.
room-you-are = Usted es { $role }.
countdown-hms = Empieza en { $hms }
countdown-days-hms = { $days ->
    [one] Empieza en 1 día { $hms }
   *[other] Empieza en { $days } días { $hms }
}
panel-title = Sala de espera
panel-sound = Reproducir un sonido cuando alguien llame
panel-empty = No hay nadie esperando.
panel-admit-all = Dejar entrar a todos
panel-admit = Dejar entrar
panel-admit-who = Dejar entrar a { $name }
panel-reason = Motivo (opcional)
panel-reason-who = Motivo para rechazar a { $name } (opcional)
panel-deny = Rechazar
panel-deny-who = Rechazar a { $name }

## Messages of the page script

js-deciding = El anfitrión ha decidido. Un momento…
js-starting = La sesión está empezando. Abriendo la sala…
js-starting-now = Empieza ahora…
js-opening-stage = Abriendo la sala en directo…
js-stage-retry = No se pudo acceder a la sala en directo. Reintentando…
js-role-now = Su rol ahora es: { $role }.
js-sending = Enviando la invitación…
js-invite-not-emailed = La invitación para { $email } se creó, pero no se pudo enviar el correo. Pida al anfitrión que la reenvíe.
js-invite-sent = Invitación enviada a { $email } como { $role }.
js-invite-failed = La invitación no se ha enviado.
js-invite-unreachable = La invitación no se ha enviado: no se pudo acceder al servicio. Inténtelo de nuevo.

## Error pages

error-what-to-do = Qué puede hacer
error-code = Código de error: { $code }
error-contact = Póngase en contacto con el organizador del evento.
error-signed-in-as = Ha iniciado sesión como { $email }, pero esta invitación se envió a otra dirección.
error-signed-in-advice = Cierre la sesión de la cuenta de su organización e inicie sesión con la dirección a la que se envió la invitación, o pida al organizador que invite a { $email }.
error-forbidden-page = El formulario de acceso se envió desde otro sitio web, así que no ha iniciado sesión.
error-other-title = Algo ha fallado
error-other-message = Algo ha fallado por nuestra parte. Inténtelo de nuevo.
error-other-advice = Actualice la página. Si sigue ocurriendo, consulte al organizador.
error-invalid_link-title = Este enlace no funciona
error-invalid_link-message = Este enlace de invitación no es válido.
error-invalid_link-advice = Compruebe que ha abierto el enlace completo del correo de invitación más reciente. Si el anfitrión le envió una invitación nueva, solo funciona su enlace. Si no, pida un enlace nuevo al organizador.
error-invite_revoked-title = Esta invitación se ha retirado
error-invite_revoked-message = El anfitrión ha retirado esta invitación.
error-invite_revoked-advice = La invitación se ha retirado. Pregunte al anfitrión si aún debe asistir.
error-room_deleted-title = Esta sala se ha eliminado
error-room_deleted-message = Esta sala se ha eliminado.
error-room_deleted-advice = La sala se ha eliminado. Pida detalles al anfitrión.
error-link_expired-title = Este enlace ha caducado
error-link_expired-message = Este enlace de invitación ha caducado.
error-link_expired-advice = Pida un enlace nuevo al organizador.
error-link_used-title = Este enlace ya se ha usado
error-link_used-message = Este enlace de invitación ya se ha utilizado.
error-link_used-advice = Pida un enlace nuevo al organizador.
error-email_mismatch-title = Dirección de correo incorrecta
error-email_mismatch-message = Esta no es la dirección a la que se envió la invitación.
error-email_mismatch-advice = Introduzca la dirección a la que se envió la invitación. Si le invitaron con otra dirección, abra el enlace desde ese buzón.
error-too_many_attempts-title = Esta invitación está bloqueada
error-too_many_attempts-message = Se han introducido demasiadas direcciones incorrectas para esta invitación.
error-too_many_attempts-advice = Por su seguridad, esta invitación está bloqueada. Pida al organizador que la reenvíe.
error-not_a_participant-title = No se ha unido a esta sala
error-not_a_participant-message = No se ha unido a esta sala.
error-not_a_participant-advice = Abra el enlace de invitación de su correo para unirse a esta sala. Si ya se unió, actualice la sala.
error-domain_blocked-title = Su dominio de correo está bloqueado
error-domain_blocked-message = Las direcciones de este dominio están bloqueadas por la política de su organización.
error-domain_blocked-advice = Su organización bloquea este dominio de correo. Pida al organizador que invite otra de sus direcciones.
error-invalid_email-title = Eso no es una dirección de correo
error-invalid_email-message = Esa no es una dirección de correo válida.
error-invalid_email-advice = Compruebe la dirección e inténtelo de nuevo.
error-room_not_found-title = No existe esa sala
error-room_not_found-message = No existe esa sala.
error-room_not_found-advice = Compruebe la dirección o pida al anfitrión un enlace nuevo.
error-not_found-title = Página no encontrada
error-not_found-message = No existe esa página.
error-not_found-advice = Compruebe la dirección o vuelva a abrir el enlace de su correo de invitación.
error-forbidden-title = Esta solicitud se ha rechazado
error-forbidden-message = No tiene permiso para hacer esto.
error-forbidden-advice = Abra usted mismo el enlace de invitación de su correo e introduzca su dirección en esa página.
error-guest-disabled = Su organización ha desactivado las invitaciones desde la sala.
error-guest-viewer = Los espectadores no pueden invitar a nadie. Pídalo a un ponente, a un moderador o al anfitrión.
error-guest-above-role = Como { $inviter } puede invitar a { $roles }, no a { $requested }. Pídaselo al anfitrión.
error-guest-advice = Pida al anfitrión que les invite.
error-guest-cross-site = El formulario de invitación se envió desde otro sitio web, así que se ha rechazado.
error-invite_limit_reached-title = Ha alcanzado su límite de invitaciones
error-invite_limit_reached-message = Ha enviado tantas invitaciones para esta sala como permite su organización.
error-invite_limit_reached-advice = Pida al anfitrión que invite a más personas.
error-code_invalid-title = Ese código no es correcto
error-code_invalid-message = Ese código no es correcto.
error-code_invalid-advice = Compruebe el código de 6 dígitos del correo más reciente que le enviamos y vuelva a escribirlo.
error-code_expired-title = Pida un código nuevo
error-code_expired-message = Ese código ha caducado o ya se agotó. Pida uno nuevo.
error-code_expired-advice = Pida un código nuevo: se lo enviaremos por correo al momento.
error-too_many_requests-title = Espere un momento
error-too_many_requests-message = Espere un poco antes de volver a pedirlo.
error-too_many_requests-advice = Espere un momento y vuelva a intentarlo. Busque en la bandeja de entrada y en el correo no deseado el código que ya enviamos.
error-sso_failed-title = El inicio de sesión no se completó
error-sso_failed-message = El inicio de sesión no se completó.
error-sso_failed-advice = Vuelva a iniciar sesión desde el enlace de invitación. Si sigue fallando, consulte al organizador.
error-verification_required-title = Inicie sesión para continuar
error-verification_required-message = Para esta invitación debe iniciar sesión con la cuenta de su organización.
error-verification_required-advice = Continúe con el inicio de sesión de su organización.
error-identity_provider_unavailable-title = El inicio de sesión no está disponible ahora
error-identity_provider_unavailable-message = No se puede acceder ahora al inicio de sesión de su organización.
error-identity_provider_unavailable-advice = Espere un momento y vuelva a intentarlo. Si sigue ocurriendo, consulte al organizador.
error-service_unavailable-title = El servicio está saturado
error-service_unavailable-message = El servicio está saturado o no está disponible por un momento. Inténtelo de nuevo enseguida.
error-service_unavailable-advice = Esta página lo vuelve a intentar sola en unos segundos. Si sigue ocurriendo, inténtelo más tarde.
error-awaiting_approval-title = Está en la sala de espera
error-awaiting_approval-message = Está en la sala de espera: el anfitrión le dejará entrar.
error-awaiting_approval-advice = Mantenga esta página abierta: entrará en la sala sola en cuanto el anfitrión le deje pasar.
error-admission_denied-title = El anfitrión no le ha dejado entrar
error-admission_denied-message = El anfitrión no le ha dejado entrar.
error-admission_denied-advice = Si cree que es un error, puede volver a llamar dentro de un minuto o ponerse en contacto con el organizador.
error-not_live-title = La sala aún no está en directo
error-not_live-message = La sala aún no está en directo.
error-not_live-advice = Abra la página del evento: entrará en la sala sola cuando empiece la sesión.
error-room_backend_unavailable-title = No se puede acceder a la sala en directo
error-room_backend_unavailable-message = No se pudo acceder a la sala en directo. Inténtelo de nuevo.
error-room_backend_unavailable-advice = Actualice la página en un momento. Si sigue ocurriendo, consulte al organizador.
error-guest-refused-title = Esta invitación se ha rechazado

## Emails

email-link-once = El enlace funciona una vez: ábralo en el dispositivo en el que vaya a verlo.
email-link-n-times = { $uses ->
    [one] El enlace funciona una vez.
   *[other] El enlace funciona { $uses } veces.
}
email-link-unlimited = El enlace funciona las veces que haga falta hasta que caduque.
email-the-organizer = El organizador
email-guest-inviter = { $name } ({ $role } en esta sala)
email-invitation-subject = Invitación: { $title }
email-invitation-heading = Está invitado a { $title }
email-invitation-who = { $who } le ha invitado a «{ $title }» como { $role }.
email-starts = Empieza: { $time }
email-join = Unirse a la sala
email-join-text = Unirse: { $link }
email-valid-until = El enlace es válido hasta el { $time }. { $uses }
email-enter-address = Cuando se le pida, introduzca esta dirección de correo ({ $email }).
email-copy-link = Si el botón no funciona, copie esta dirección en su navegador:
email-ignore = Si no esperaba esta invitación, puede ignorar este correo.
email-code-subject = Su código para { $title }
email-code-heading = Su código para { $title }
email-code-intro = Su código para unirse a «{ $title }» es:
email-code-type-it = Escriba este código en la página donde lo pidió.
email-code-valid = { $minutes ->
    [one] Funciona una vez, durante 1 minuto.
   *[other] Funciona una vez, durante { $minutes } minutos.
}
email-code-ignore = Si no pidió un código, puede ignorar este correo: sin él, nadie puede usar su invitación.
email-role-subject = Su rol en { $title } ahora es { $role }
email-role-changed = Su rol en «{ $title }» ha cambiado de { $from } a { $to }.
email-role-gained = Ahora puede usar: { $list }.
email-role-lost = Ya no tiene: { $list }.
email-role-nothing-to-do = No tiene que hacer nada: el cambio se aplica en la sala ({ $url }) en unos segundos.
email-when-tomorrow = mañana
email-when-days = { $n ->
    [one] en 1 día
   *[other] en { $n } días
}
email-when-hours = { $n ->
    [one] en 1 hora
   *[other] en { $n } horas
}
email-when-minutes = { $n ->
    [one] en 1 minuto
   *[other] en { $n } minutos
}
email-reminder-subject = Recordatorio: { $title } empieza { $when }
email-reminder-heading = { $title } empieza { $when }
email-reminder-joined = Si ya se unió, la sala está aquí: { $url }
email-reminder-otherwise = Si no, abra el enlace de su correo de invitación e introduzca esta dirección ({ $email }).
email-update-subject = Actualizado: { $title } ahora empieza el { $time }
email-update-heading = { $title } se ha reprogramado
email-update-now-starts = Ahora empieza el { $time }.
email-update-same-link = Su enlace de invitación no cambia. El archivo de calendario adjunto actualiza el evento en su calendario.
email-cancel-subject = Cancelado: { $title }
email-cancel-heading = { $title } se ha cancelado
email-cancel-body = El organizador ha cancelado la sesión del { $time }. Su enlace de invitación ya no funciona.
email-cancel-calendar = El archivo de calendario adjunto elimina el evento de su calendario.
email-unsubscribe = Dejar de recibir recordatorios y novedades de este evento
email-unsubscribe-text = Dejar de recibir recordatorios y novedades de este evento: { $url }
calendar-description = Únase con el enlace de su correo de invitación.
calendar-organizer = Invitaciones a salas

## One-click unsubscribe page

unsubscribe-title = Dejar de recibir recordatorios de { $title }
unsubscribe-explain = No recibirá más recordatorios, novedades ni cancelaciones de este evento en { $email }. Las invitaciones que un anfitrión le envíe más adelante seguirán llegando.
unsubscribe-confirm = Dejar de recibir estos correos
unsubscribe-done-title = No recibirá más recordatorios de este evento
unsubscribe-done = { $email } no recibirá más recordatorios, novedades ni cancelaciones de { $title }.
