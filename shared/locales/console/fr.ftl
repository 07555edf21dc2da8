# Français (vouvoiement) : messages de la console de l’organisateur (host console).
# Needs a native speaker's review (see README). Source: console/en.ftl.

## Mise en page (toutes les pages de la console)

console-name = Console de l’organisateur
# The browser tab's title: the page's title, then the console's name.
console-page-title = { $page } · Console de l’organisateur
console-skip = Aller au contenu
# Who is signed in: their email address (or ID) and their organization.
console-who = { $who } · { $org }
console-who-read-only = { $who } · { $org } · lecture seule
console-sign-out = Se déconnecter
console-language-picker = Langue
console-tabs-label = Salle
console-tab-room = Salle
console-tab-invites = Invitations
console-tab-participants = Participants
console-tab-dashboard = Tableau de bord
console-pager-label = Pages
console-pager-first = ← Première page
console-pager-next = Page suivante →
# A table cell without a value.
console-none = —

## Valeurs affichées dans les tableaux et les listes

console-room-status-scheduled = programmée
console-room-status-live = en direct
console-role-viewer = spectateur
console-role-speaker = intervenant
console-role-moderator = modérateur
console-invite-status-active = active
console-invite-status-used = utilisée
console-invite-status-expired = expirée
console-invite-status-revoked = révoquée
console-invite-status-locked = bloquée
console-delivery-sent = envoyé
console-delivery-queued = en file d’attente
console-delivery-pending = en attente
console-delivery-not-sent = non envoyé
console-delivery-failed = échec
console-delivery-delivered = distribué
console-delivery-bounced = rejeté
console-delivery-complained = signalé comme spam
console-admission-admitted = admis
console-admission-waiting = en attente
console-admission-denied = refusé
console-verify-email = sa saisie
console-verify-code = un code envoyé à cette adresse
console-verify-sso = la connexion de leur organisation
console-approval-none = personne
console-approval-shared-links = les personnes venues par un lien partagé
console-approval-everyone = tout le monde

## Erreurs (la page d’erreur, les notes d’erreur des formulaires et les messages d’arrêt du script)

console-error-title-unauthorized = Veuillez vous connecter
console-error-title-forbidden = Action non autorisée
console-error-title-not-found = Introuvable
console-error-title-link-used = Ce lien de connexion a déjà été utilisé
console-error-title-other = Un problème est survenu
console-error-unauthorized = Votre session de console a expiré ou est introuvable. Reconnectez-vous.
console-error-forbidden = Votre connexion ne permet pas cette action, ou le formulaire provient d’un autre site. Les modifications nécessitent le droit d’écriture et un formulaire de cette console.
console-error-link-used = Un lien de connexion à la console ne fonctionne qu’une fois. Redémarrez le mode local pour en obtenir un nouveau, ou connectez-vous avec votre fournisseur d’identité.
console-error-not-found = Cette page n’existe pas.
console-error-room-not-found = Cette salle n’existe pas dans votre organisation.
console-error-invite-not-found = Cette invitation n’existe pas dans cette salle.
console-error-participant-not-found = Ce participant n’existe pas dans cette salle.
console-error-invalid-email = Ce n’est pas une adresse e-mail valide.
console-error-domain-blocked = Les adresses de ce domaine sont bloquées par la politique de votre organisation.
console-error-invalid-expiry = L’expiration du lien doit se situer dans le futur, à 30 jours au plus.
console-error-invite-limit-reached = Cette salle compte autant d’invitations que votre organisation le permet.
console-error-payload-too-large = Trop de données pour une seule requête.
console-error-sso-failed = La connexion n’a pas abouti. Recommencez.
console-error-identity-provider-unavailable = Votre fournisseur d’identité est injoignable pour le moment. Réessayez dans un instant.
console-error-too-many-requests = Trop de requêtes. Patientez un instant, puis réessayez.
console-error-service-unavailable = Le service est surchargé ou brièvement indisponible. Réessayez dans un instant.
console-error-internal = Un problème est survenu de notre côté. Réessayez.
console-error-other = La requête n’a pas pu aboutir.
# { $code } is the error's code (such as forbidden), shown as code.
console-error-code = Code d’erreur : { $code }
console-error-back = Retour à la console
# A form's error note: the reason, then the error's code.
console-error-with-code = { $message } ({ $code })
console-error-reminders = Indiquez les rappels en minutes avant le début, séparées par des virgules.
console-error-uses = Le nombre d’utilisations doit être un nombre entier.
# { $detail } is the technical reason (in English).
console-error-check-form = Vérifiez le formulaire : { $detail }.
console-error-invalid-invite = L’invitation n’est pas valide : { $detail }.

## Pages de connexion et de déconnexion

console-sign-in-title = Connexion
console-sign-in-heading = Se connecter à la console de l’organisateur
console-sign-in-local = En mode local, ouvrez le lien de connexion à usage unique que le service a affiché à son démarrage.
# Followed by the list of the two settings' names.
console-sign-in-provider = Pour utiliser le fournisseur d’identité de votre organisation, définissez ces paramètres du service :
# { $setting } is the setting's name (HOST_OIDC_CLIENT_SECRET).
console-sign-in-secret = Si votre fournisseur attribue un secret à la console, définissez aussi { $setting }.
console-signed-in-title = Connecté
console-signed-in-continue = Continuer vers la console
console-signed-out-title = Déconnecté
console-signed-out-heading = Vous êtes déconnecté
console-sign-in-again = Se reconnecter

## La liste des salles

console-rooms-title = Salles
console-rooms-empty = Aucune salle pour l’instant.
console-rooms-caption = Les salles de votre organisation
console-col-title = Titre
console-col-starts = Début
console-col-status = Statut
console-new-room = Nouvelle salle
console-create-room = Créer la salle

## La page de la salle et le formulaire de la salle

# { $time } is the start (date and time), { $status } the room's status.
console-room-starts = Début : { $time } · { $status }
console-edit-room = Modifier la salle
console-save = Enregistrer les modifications
console-saved = Enregistré.
console-delete-link = Supprimer cette salle…
console-field-title = Titre
console-field-description = Description
console-field-starts = Début (UTC)
console-field-ends = Fin (UTC, facultatif)
console-field-speakers = Intervenants
# Keep the | between the two parts.
console-field-speakers-hint = Un par ligne : Nom | Fonction
console-field-attachments = Pièces jointes
# Keep the | between the two parts.
console-field-attachments-hint = Une par ligne : Nom | https://lien
console-field-reminders = Rappels (minutes avant le début)
console-field-verify = Les invités confirment leur adresse par
console-field-approval = Un modérateur approuve
console-fact-ends = Fin
console-fact-reminders = Rappels
# { $minutes } is the list of minutes (1440, 15).
console-fact-reminders-minutes = Minutes avant le début : { $minutes }
console-fact-no-reminders = Aucun rappel
# A speaker with a title.
console-speaker-with-title = { $name } ({ $title })

## Inviter une personne (sur la page de la salle)

console-invite-one = Inviter une personne
console-field-email = Adresse e-mail
console-field-role = Rôle
console-field-uses = Utilisations (vide : illimité)
console-field-link-expires = Expiration du lien (UTC, facultatif)
console-field-send-email = Envoyer l’invitation par e-mail (sinon, copiez vous-même le lien)
console-invite = Inviter
console-invited = Invitation créée pour { $email } en tant que { $role ->
    [speaker] intervenant
    [moderator] modérateur
   *[viewer] spectateur
}.
console-new-link = Son lien (affiché une seule fois)
console-copy-link = Copier le lien

## L’importation (sur la page de la salle)

console-import-heading = Importer des invités
# The column names ({ $email }, { $role }, …), role values and example dates are shown as
# code and stay as they are.
console-import-hint = Un fichier CSV ou une liste collée, jusqu’à { $max } lignes. Colonnes : { $email }, { $role } ({ $viewer }, { $speaker } ou { $moderator }), et en option { $uses }, { $expiry } (une date comme { $date } ou une date avec heure comme { $time }) et { $locale }. Une première ligne contenant les noms des colonnes est reconnue.
console-import-noscript = L’importation nécessite JavaScript ; sans JavaScript, invitez les personnes une par une ci-dessus.
console-import-file = Fichier CSV
console-import-paste = Ou collez la liste
console-import-send = Envoyer les invitations par e-mail
console-import-check = Vérifier les lignes
console-import-start = Envoyer
console-import-progress = Progression de l’importation
console-import-rejected = Télécharger les lignes rejetées (CSV)

## Le script de l’importation (textes affichés par le navigateur pendant la vérification et l’envoi)

console-js-resume-note = { $total ->
    [one] Une importation s’est arrêtée après { $done } ligne sur { $total }. Choisissez le même fichier (ou collez la même liste) et vérifiez-le à nouveau pour reprendre ; les lignes déjà envoyées ne sont pas envoyées deux fois.
   *[other] Une importation s’est arrêtée après { $done } sur { $total } lignes. Choisissez le même fichier (ou collez la même liste) et vérifiez-le à nouveau pour reprendre ; les lignes déjà envoyées ne sont pas envoyées deux fois.
}
console-js-counts = { $rows ->
    [one] { $rows } ligne : { $ready } à envoyer, { $bad } en erreur (sans envoi).
   *[other] { $rows } lignes : { $ready } à envoyer, { $bad } en erreur (sans envoi).
}
console-js-counts-header = { $rows ->
    [one] { $rows } ligne (première ligne lue comme noms de colonnes) : { $ready } à envoyer, { $bad } en erreur (sans envoi).
   *[other] { $rows } lignes (première ligne lue comme noms de colonnes) : { $ready } à envoyer, { $bad } en erreur (sans envoi).
}
console-js-preview-caption = Premières lignes
console-js-preview-label = Aperçu des lignes
console-js-col-row = Ligne
console-js-col-email = E-mail
console-js-col-role = Rôle
console-js-col-check = Vérification
console-js-row-ok = OK
# A row's problem in the preview: the error code, then the sentence.
console-js-row-problem = { $code } : { $message }
console-js-too-many-rows = { $max ->
    [one] { $max } ligne au maximum par importation.
   *[other] { $max } lignes au maximum par importation.
}
console-js-invalid-email = Ce n’est pas une adresse e-mail.
# { $viewer }, { $speaker }, { $moderator }: the role values of the file.
console-js-bad-role = Le rôle doit être { $viewer }, { $speaker } ou { $moderator }.
# { $column } is the column's name (uses).
console-js-bad-uses = La colonne { $column } doit contenir un nombre entier à partir de 1.
console-js-bad-expiry = La valeur de la colonne { $column } n’est pas une date.
console-js-bad-locale = La colonne { $column } ne nomme aucune des langues : { $languages }.
console-js-duplicate = Cette adresse figure déjà dans le fichier.
console-js-resume-before = { $rows ->
    [one] Reprise : { $rows } ligne a déjà été envoyée précédemment.
   *[other] Reprise : { $rows } lignes ont déjà été envoyées précédemment.
}
console-js-will-create = { $count ->
    [one] { $count } invitation sera créée.
   *[other] { $count } invitations seront créées.
}
console-js-emails-go-out = { $count ->
    [one] { $count } e-mail sera envoyé.
   *[other] { $count } e-mails seront envoyés.
}
console-js-no-emails = Aucun e-mail ne sera envoyé.
console-js-send-emails = { $count ->
    [one] Envoyer { $count } e-mail
   *[other] Envoyer { $count } e-mails
}
console-js-resume-send-emails = { $count ->
    [one] Reprendre et envoyer { $count } e-mail
   *[other] Reprendre et envoyer { $count } e-mails
}
console-js-create-invitations = { $count ->
    [one] Créer { $count } invitation
   *[other] Créer { $count } invitations
}
console-js-progress = { $total ->
    [one] Ligne traitée : { $done } sur { $total }. Erreurs : { $errors }.
   *[other] Lignes traitées : { $done } sur { $total }. Erreurs : { $errors }.
}
console-js-time-left = { $seconds ->
    [one] Il reste environ { $seconds } seconde.
   *[other] Il reste environ { $seconds } secondes.
}
# { $status } is the HTTP status code.
console-js-retry = En attente d’une nouvelle tentative (HTTP { $status })…
console-js-retry-offline = Pas de connexion. En attente d’une nouvelle tentative…
console-js-import-stopped = L’importation s’est arrêtée ({ $code }). Rechargez la page pour la reprendre.
console-js-import-finished = Terminé. Invités : { $invited }, rejetés : { $rejected }.
console-js-rejected-download = { $count ->
    [one] Télécharger { $count } ligne rejetée (CSV)
   *[other] Télécharger les { $count } lignes rejetées (CSV)
}
console-js-copied = Copié
# { $keys } is the keyboard shortcut (Ctrl+C).
console-js-copy-by-keys = Appuyez sur { $keys } pour copier

## La page des invitations

console-invites-title = Invitations
console-invites-heading = Invitations pour { $title }
console-invites-filter-label = Filtrer les invitations
console-filter-status = Statut
console-filter-role = Rôle
console-filter-delivery = Envoi
console-filter-email = E-mail (exact)
console-filter-any = tous
console-filter = Filtrer
console-invites-download = Télécharger ces invitations (CSV)
console-bulk-label = Pour chaque invitation correspondant à ces filtres
console-bulk-resend = Renvoyer l’invitation
console-bulk-revoke = Révoquer le lien
console-bulk-run = Appliquer à toutes les invitations correspondantes
console-bulk-progress = Progression de l’action groupée
console-invites-caption = Invitations
console-col-email = E-mail
console-col-role = Rôle
console-col-delivery = Envoi
console-col-uses = Utilisations
console-col-created = Création
console-col-actions = Actions
# Uses so far of at most { $max }.
console-uses-of = { $uses } / { $max }
console-resend = Renvoyer
console-revoke = Révoquer
console-resend-to = Renvoyer à { $email }
console-revoke-who = Révoquer l’invitation de { $email }
console-invites-empty = Aucune invitation ne correspond.

## Action groupée sans le script (une page de 100 invitations par envoi du formulaire)

console-bulk-title = Action groupée
console-bulk-heading = { $action ->
    [revoke] Action groupée : révoquer les liens
   *[resend] Action groupée : renvoyer les invitations
}
console-bulk-page-result = { $done ->
    [one] { $done } invitation traitée ; impossibles sur cette page : { $failed }.
   *[other] { $done } invitations traitées ; impossibles sur cette page : { $failed }.
}
console-bulk-continue = Continuer avec la page suivante
console-bulk-finished = Terminé.
console-back-to-invites = Retour aux invitations

## Le script de l’action groupée

console-js-bulk-progress = { $done ->
    [one] { $done } invitation traitée ; impossibles : { $failed }…
   *[other] { $done } invitations traitées ; impossibles : { $failed }…
}
console-js-bulk-finished = { $done ->
    [one] Terminé. { $done } invitation traitée ; impossibles : { $failed }.
   *[other] Terminé. { $done } invitations traitées ; impossibles : { $failed }.
}
console-js-bulk-stopped = Interrompu ({ $code }).

## La page des participants

console-participants-title = Participants
console-participants-heading = Participants de { $title }
console-participants-filter-label = Filtrer les participants
console-participants-download = Télécharger ces participants (CSV)
console-participants-caption = Participants
console-col-admission = Admission
console-col-joined = Arrivée
console-role-of = Rôle de { $email }
console-change-role = Modifier
console-participants-empty = Personne n’a encore rejoint la salle.

## Le tableau de bord

console-dashboard-title = Tableau de bord
console-dashboard-heading = Tableau de bord de { $title }
console-dashboard-noscript = Rechargez la page pour voir les chiffres à jour.
console-funnel = Entonnoir
console-funnel-invited = Invitations
console-funnel-delivered = E-mails distribués
console-funnel-redeemed = Liens utilisés
console-funnel-in-room = Dans la salle
console-by-status = Invitations par statut
console-delivery = Envoi des e-mails
console-by-role = Participants par rôle
# { $count } is shown in bold.
console-joined = Participants ayant rejoint la salle : { $count }
console-over-time = Utilisation des liens au fil du temps
# A chart's row for screen readers: the bar's name and its number.
console-chart-row = { $label } : { $count }.
console-no-redemptions = Aucun lien utilisé pour l’instant.
console-redemptions-between = { $count ->
    [one] { $count } utilisation de lien entre le { $first } et le { $last }.
   *[other] { $count } utilisations de liens entre le { $first } et le { $last }.
}
# { $first } and { $last } are dates and times.
console-redemptions-shown = { $count ->
    [one] { $count } utilisation de lien affichée, du { $first } au { $last }.
   *[other] { $count } utilisations de liens affichées, du { $first } au { $last }.
}

## Supprimer une salle

console-delete-title = Supprimer la salle
console-delete-heading = Supprimer { $title } ?
console-delete-count = { $count ->
    [one] { $count } personne recevra un e-mail d’annulation.
   *[other] { $count } personnes recevront un e-mail d’annulation.
}
console-delete-warning = Leurs liens cesseront de fonctionner. Cette action est irréversible.
console-delete-confirm = { $count ->
    [one] Supprimer la salle et prévenir { $count } personne
   *[other] Supprimer la salle et prévenir { $count } personnes
}
console-keep = Conserver la salle

## L’identité visuelle de l’organisation

# The link in the console's bar.
console-branding-link = Identité visuelle
console-branding-title = Identité visuelle
console-branding-heading = L’identité visuelle de votre organisation
console-branding-intro = L’image de votre organisation que voient les invités : sur les pages de l’événement, les pages d’erreur, dans chaque e-mail et dans le fichier de calendrier. Un champ vide conserve l’apparence propre au service.
console-branding-display-name = Nom affiché
console-branding-display-name-hint = Affiché en haut des pages et des e-mails, et comme organisateur dans le calendrier.
console-branding-accent = Couleur d’accentuation
# The colour is written as #rrggbb (such as #0b5cad).
console-branding-accent-hint = La couleur des boutons et des liens, au format #rrggbb. Le texte y est écrit en blanc : elle doit donc être assez foncée, avec un contraste d’au moins 4.5:1.
console-branding-logo = Logo
console-branding-logo-alt = Le logo actuel de votre organisation
console-branding-no-logo = Aucun logo pour l’instant.
console-branding-remove-logo = Supprimer le logo
console-branding-logo-file = Nouveau logo
console-branding-logo-hint = Une image PNG, JPEG ou WebP de 200 KB au maximum. Laissez le champ vide pour conserver le logo actuel.
console-branding-sender = Nom de l’expéditeur des e-mails
console-branding-sender-hint = Le nom que le logiciel de messagerie de vos invités affiche comme expéditeur.
console-branding-reply-to = Adresse de réponse
console-branding-reply-to-hint = L’adresse où arrivent les réponses de vos invités.
console-branding-support = Message de contact
console-branding-support-hint = Affiché sur chaque page d’erreur à la place de « Contactez l’organisateur de l’événement ».
console-branding-read-only = Vous pouvez consulter l’identité visuelle ; la modifier nécessite le droit d’écriture.
