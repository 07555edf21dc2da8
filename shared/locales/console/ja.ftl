# 主催者コンソールの日本語訳（です・ます調）。Japanese translation of the host console:
# needs a native speaker's review (see README).

## レイアウト（コンソールの全ページ）

console-name = 主催者コンソール
console-page-title = { $page } · 主催者コンソール
console-skip = 本文へスキップ
console-who = { $who } · { $org }
console-who-read-only = { $who } · { $org } · 閲覧のみ
console-sign-out = サインアウト
console-language-picker = 言語
console-tabs-label = ルーム
console-tab-room = ルーム
console-tab-invites = 招待
console-tab-participants = 参加者
console-tab-dashboard = ダッシュボード
console-pager-label = ページ
console-pager-first = ← 最初のページ
console-pager-next = 次のページ →
console-none = —

## 表と一覧に表示される値

console-room-status-scheduled = 予定
console-room-status-live = ライブ中
console-role-viewer = 視聴者
console-role-speaker = 登壇者
console-role-moderator = モデレーター
console-invite-status-active = 有効
console-invite-status-used = 使用済み
console-invite-status-expired = 期限切れ
console-invite-status-revoked = 取り消し済み
console-invite-status-locked = ロック中
console-delivery-sent = 送信済み
console-delivery-queued = 送信待ち
console-delivery-pending = 保留中
console-delivery-not-sent = 未送信
console-delivery-failed = 失敗
console-delivery-delivered = 配信済み
console-delivery-bounced = 不達
console-delivery-complained = 迷惑メール報告
console-admission-admitted = 入室済み
console-admission-waiting = 待機中
console-admission-denied = お断り済み
console-verify-email = アドレスの入力
console-verify-code = アドレスに送るコード
console-verify-sso = 組織のサインイン
console-approval-none = なし
console-approval-shared-links = 共有リンクで参加する人
console-approval-everyone = 全員

## エラー（エラーページ、フォームのエラー表示、スクリプトの停止メッセージ）

console-error-title-unauthorized = サインインしてください
console-error-title-forbidden = 許可されていません
console-error-title-not-found = 見つかりません
console-error-title-link-used = このサインインリンクは使用済みです
console-error-title-other = 問題が発生しました
console-error-unauthorized = コンソールのセッションが終了したか、見つかりません。もう一度サインインしてください。
console-error-forbidden = このサインインではこの操作が許可されていないか、フォームが別のウェブサイトから送信されました。変更するには、書き込み権限と、このコンソールのフォームが必要です。
console-error-link-used = コンソールのサインインリンクは1回だけ使えます。新しいリンクを得るにはローカルモードを再起動するか、IDプロバイダーでサインインしてください。
console-error-not-found = そのようなページはありません。
console-error-room-not-found = 組織内にそのようなルームはありません。
console-error-invite-not-found = このルームにそのような招待はありません。
console-error-participant-not-found = このルームにそのような参加者はいません。
console-error-invalid-email = 有効なメールアドレスではありません。
console-error-domain-blocked = このドメインのメールアドレスは、組織のポリシーでブロックされています。
console-error-invalid-expiry = リンクの有効期限は、現在より後で、30日以内の日時にしてください。
console-error-invite-limit-reached = このルームの招待数は、組織が許可する上限に達しています。
console-error-payload-too-large = 1回のリクエストとしてはデータが多すぎます。
console-error-sso-failed = サインインが完了しませんでした。もう一度やり直してください。
console-error-identity-provider-unavailable = 現在IDプロバイダーに接続できません。しばらくしてからもう一度お試しください。
console-error-too-many-requests = リクエストが多すぎます。しばらく待ってから、もう一度お試しください。
console-error-service-unavailable = サービスが混み合っているか、一時的に利用できません。少し後でもう一度お試しください。
console-error-internal = こちら側で問題が発生しました。もう一度お試しください。
console-error-other = リクエストを完了できませんでした。
console-error-code = エラーコード: { $code }
console-error-back = コンソールに戻る
console-error-with-code = { $message }（{ $code }）
console-error-reminders = リマインダーは開始の何分前かを、カンマ区切りで指定してください。
console-error-uses = 使用回数は整数で指定してください。
console-error-check-form = フォームを確認してください（{ $detail }）。
console-error-invalid-invite = 招待が無効です（{ $detail }）。

## サインインとサインアウトのページ

console-sign-in-title = サインイン
console-sign-in-heading = 主催者コンソールにサインイン
console-sign-in-local = ローカルモードでは、サービスの起動時に表示された1回限りのサインインリンクを開いてください。
console-sign-in-provider = 組織のIDプロバイダーを使う場合は、サービスで次の設定を行ってください:
console-sign-in-secret = プロバイダーがコンソール用のシークレットを発行する場合は、{ $setting } も設定してください。
console-signed-in-title = サインインしました
console-signed-in-continue = コンソールに進む
console-signed-out-title = サインアウトしました
console-signed-out-heading = サインアウトしました
console-sign-in-again = もう一度サインイン

## ルーム一覧

console-rooms-title = ルーム
console-rooms-empty = ルームはまだありません。
console-rooms-caption = 組織のルーム
console-col-title = タイトル
console-col-starts = 開始
console-col-status = 状態
console-new-room = 新しいルーム
console-create-room = ルームを作成

## ルームのページとルームのフォーム

console-room-starts = 開始: { $time } · { $status }
console-edit-room = ルームを編集
console-save = 変更を保存
console-saved = 保存しました。
console-delete-link = このルームを削除…
console-field-title = タイトル
console-field-description = 説明
console-field-starts = 開始（UTC）
console-field-ends = 終了（UTC、任意）
console-field-speakers = 登壇者
console-field-speakers-hint = 1行に1人: 名前 | 肩書き
console-field-attachments = 添付資料
console-field-attachments-hint = 1行に1件: 名前 | https://リンク
console-field-reminders = リマインダー（開始の何分前か）
console-field-verify = 招待された人のアドレス確認方法
console-field-approval = モデレーターの承認が必要な人
console-fact-ends = 終了
console-fact-reminders = リマインダー
console-fact-reminders-minutes = 開始前（分）: { $minutes }
console-fact-no-reminders = リマインダーなし
console-speaker-with-title = { $name }（{ $title }）

## 1人を招待（ルームのページ）

console-invite-one = 1人を招待する
console-field-email = メールアドレス
console-field-role = 役割
console-field-uses = 使用回数（空欄: 無制限）
console-field-link-expires = リンクの有効期限（UTC、任意）
console-field-send-email = 招待をメールで送信（送信しない場合は、リンクをご自身でコピーしてください）
console-invite = 招待
console-invited = { $email } を{ $role ->
    [speaker] 登壇者
    [moderator] モデレーター
   *[viewer] 視聴者
}として招待しました。
console-new-link = 相手のリンク（一度だけ表示されます）
console-copy-link = リンクをコピー

## インポート（ルームのページ）

console-import-heading = 招待リストのインポート
console-import-hint = CSVファイルまたは貼り付けたリスト（最大{ $max }行）。列: { $email }、{ $role }（{ $viewer }、{ $speaker }、{ $moderator } のいずれか）、任意で { $uses }、{ $expiry }（{ $date } のような日付、または { $time } のような日時）、{ $locale }。1行目が列名の場合は自動で認識されます。
console-import-noscript = インポートにはJavaScriptが必要です。使えない場合は、上のフォームで1人ずつ招待してください。
console-import-file = CSVファイル
console-import-paste = またはリストを貼り付け
console-import-send = 招待をメールで送信
console-import-check = 行を確認
console-import-start = 送信
console-import-progress = インポートの進行状況
console-import-rejected = 却下された行をダウンロード（CSV）

## インポートのスクリプト（確認中・送信中にブラウザーに表示されるテキスト）

console-js-resume-note = 前回のインポートは{ $total }行中{ $done }行で中断しました。再開するには、同じファイルを選択（または同じリストを貼り付け）して、もう一度確認してください。送信済みの行が二重に送信されることはありません。
console-js-counts = { $rows }行: 準備完了 { $ready }行、問題あり { $bad }行（送信されません）。
console-js-counts-header = { $rows }行（1行目は列名として読み込み）: 準備完了 { $ready }行、問題あり { $bad }行（送信されません）。
console-js-preview-caption = 最初の数行
console-js-preview-label = 行のプレビュー
console-js-col-row = 行
console-js-col-email = メールアドレス
console-js-col-role = 役割
console-js-col-check = 確認結果
console-js-row-ok = OK
console-js-row-problem = { $code }: { $message }
console-js-too-many-rows = 1回のインポートは{ $max }行までです。
console-js-invalid-email = メールアドレスではありません。
console-js-bad-role = 役割は { $viewer }、{ $speaker }、{ $moderator } のいずれかにしてください。
console-js-bad-uses = { $column } 列は1以上の整数にしてください。
console-js-bad-expiry = { $column } 列が日付ではありません。
console-js-bad-locale = { $column } 列の値が対応言語（{ $languages }）のいずれでもありません。
console-js-duplicate = このアドレスはファイル内にすでにあります。
console-js-resume-before = 再開: { $rows }行は送信済みです。
console-js-will-create = { $count }件の招待が作成されます。
console-js-emails-go-out = { $count }通のメールが送信されます。
console-js-no-emails = メールは送信されません。
console-js-send-emails = { $count }通のメールを送信
console-js-resume-send-emails = 再開して{ $count }通のメールを送信
console-js-create-invitations = { $count }件の招待を作成
console-js-progress = { $total }行中{ $done }行完了。エラー: { $errors }件。
console-js-time-left = 残り約{ $seconds }秒です。
console-js-retry = 再試行を待っています（HTTP { $status }）…
console-js-retry-offline = 接続がありません。再試行を待っています…
console-js-import-stopped = インポートが停止しました（{ $code }）。再開するには、ページを再読み込みしてください。
console-js-import-finished = 完了: 招待 { $invited }件、却下 { $rejected }件。
console-js-rejected-download = 却下された{ $count }行をダウンロード（CSV）
console-js-copied = コピーしました
console-js-copy-by-keys = { $keys } を押してコピーしてください

## 招待のページ

console-invites-title = 招待
console-invites-heading = { $title } の招待
console-invites-filter-label = 招待を絞り込む
console-filter-status = 状態
console-filter-role = 役割
console-filter-delivery = 配信
console-filter-email = メールアドレス（完全一致）
console-filter-any = すべて
console-filter = 絞り込む
console-invites-download = この招待一覧をダウンロード（CSV）
console-bulk-label = この条件に一致するすべての招待に対して
console-bulk-resend = 招待を再送
console-bulk-revoke = リンクを取り消す
console-bulk-run = 一致するすべてに実行
console-bulk-progress = 一括操作の進行状況
console-invites-caption = 招待
console-col-email = メールアドレス
console-col-role = 役割
console-col-delivery = 配信
console-col-uses = 使用回数
console-col-created = 作成日時
console-col-actions = 操作
console-uses-of = { $uses } / { $max }
console-resend = 再送
console-revoke = 取り消す
console-resend-to = { $email } に再送
console-revoke-who = { $email } への招待を取り消す
console-invites-empty = 一致する招待はありません。

## スクリプトなしの一括操作（フォーム送信1回につき招待100件の1ページ）

console-bulk-title = 一括操作
console-bulk-heading = { $action ->
    [revoke] 一括操作: リンクを取り消す
   *[resend] 一括操作: 招待を再送
}
console-bulk-page-result = { $done }件の招待を処理しました。このページで実行できなかった招待: { $failed }件。
console-bulk-continue = 次のページに進む
console-bulk-finished = 完了しました。
console-back-to-invites = 招待一覧に戻る

## 一括操作のスクリプト

console-js-bulk-progress = { $done }件の招待を処理済み、{ $failed }件は実行できませんでした…
console-js-bulk-finished = 完了: { $done }件の招待を処理済み、{ $failed }件は実行できませんでした。
console-js-bulk-stopped = 停止しました（{ $code }）。

## 参加者のページ

console-participants-title = 参加者
console-participants-heading = { $title } の参加者
console-participants-filter-label = 参加者を絞り込む
console-participants-download = この参加者一覧をダウンロード（CSV）
console-participants-caption = 参加者
console-col-admission = 入室
console-col-joined = 参加日時
console-role-of = { $email } の役割
console-change-role = 変更
console-participants-empty = まだ誰も参加していません。

## ダッシュボード

console-dashboard-title = ダッシュボード
console-dashboard-heading = { $title } のダッシュボード
console-dashboard-noscript = 最新の数値を表示するには、ページを再読み込みしてください。
console-funnel = ファネル
console-funnel-invited = 招待済み
console-funnel-delivered = 配信済み
console-funnel-redeemed = リンク使用済み
console-funnel-in-room = ルーム内
console-by-status = 状態別の招待
console-delivery = 配信
console-by-role = 役割別の参加者
console-joined = 参加者数: { $count }
console-over-time = リンク使用の推移
console-chart-row = { $label }: { $count }。
console-no-redemptions = リンクはまだ使用されていません。
console-redemptions-between = { $first }から{ $last }までに、リンクが{ $count }回使用されました。
console-redemptions-shown = { $first }から{ $last }までのリンク使用を{ $count }件表示しています。

## ルームの削除

console-delete-title = ルームを削除
console-delete-heading = { $title } を削除しますか？
console-delete-count = { $count }人に中止のお知らせメールが送信されます。
console-delete-warning = 招待リンクは使えなくなります。この操作は元に戻せません。
console-delete-confirm = ルームを削除して{ $count }人に通知
console-keep = 削除しない

## 組織のブランディング

console-branding-link = ブランディング
console-branding-title = ブランディング
console-branding-heading = 組織のブランディング
console-branding-intro = 招待された人に組織がどう見えるかを設定します。イベントページ、エラーページ、すべてのメール、カレンダーファイルに反映されます。空欄の項目は、サービス標準の見た目のままになります。
console-branding-display-name = 表示名
console-branding-display-name-hint = ページとメールの上部に表示され、カレンダーでは主催者として表示されます。
console-branding-accent = アクセントカラー
console-branding-accent-hint = ボタンとリンクの色です（#rrggbb 形式）。この色の上に白い文字が表示されるため、十分に暗い色にしてください（コントラスト比 4.5:1 以上）。
console-branding-logo = ロゴ
console-branding-logo-alt = 組織の現在のロゴ
console-branding-no-logo = ロゴはまだありません。
console-branding-remove-logo = ロゴを削除
console-branding-logo-file = 新しいロゴ
console-branding-logo-hint = 200 KB以下のPNG、JPEG、WebP画像を選択してください。現在のロゴをそのまま使う場合は、空欄にしてください。
console-branding-sender = メールの差出人名
console-branding-sender-hint = 招待された人のメールソフトに、差出人として表示される名前です。
console-branding-reply-to = 返信先アドレス
console-branding-reply-to-hint = 招待された人からの返信が届くアドレスです。
console-branding-support = 問い合わせ先の案内
console-branding-support-hint = すべてのエラーページで、「イベントの主催者にお問い合わせください」の代わりに表示されます。
console-branding-read-only = ブランディングは閲覧できますが、変更するには書き込み権限が必要です。
