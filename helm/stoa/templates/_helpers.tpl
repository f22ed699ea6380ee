{{/* Name of a service's resources: <release>-<service>, at most 63 characters. Call with (list $ $name). */}}
{{- define "stoa.fullname" -}}
{{- $root := index . 0 -}}
{{- printf "%s-%s" $root.Release.Name (index . 1) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The headless Service of a service's gRPC port: clients resolve every ready pod (dns:///) and balance over them. */}}
{{- define "stoa.grpcName" -}}
{{- $root := index . 0 -}}
{{- printf "%s-%s" $root.Release.Name (index . 1) | trunc 58 | trimSuffix "-" | printf "%s-grpc" -}}
{{- end -}}

{{/* A service's values merged over serviceDefaults (the service's own keys win). Call with (list $ $name); YAML. */}}
{{- define "stoa.service" -}}
{{- $root := index . 0 -}}
{{- $svc := index $root.Values.services (index . 1) -}}
{{- toYaml (mergeOverwrite (deepCopy $root.Values.serviceDefaults) (deepCopy $svc)) -}}
{{- end -}}

{{/* Names of the enabled services, sorted; JSON list. */}}
{{- define "stoa.enabledServices" -}}
{{- $names := list -}}
{{- range $name, $svc := .Values.services -}}
{{- if $svc.enabled }}{{ $names = append $names $name }}{{ end -}}
{{- end -}}
{{- toJson (sortAlpha $names) -}}
{{- end -}}

{{- define "stoa.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ index . 1 }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
{{- end -}}

{{- define "stoa.labels" -}}
{{- $root := index . 0 -}}
{{ include "stoa.selectorLabels" . }}
app.kubernetes.io/part-of: stoa
app.kubernetes.io/component: {{ index . 1 }}
app.kubernetes.io/version: {{ $root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" $root.Chart.Name $root.Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* Pods of this release: what the default-deny NetworkPolicy selects. */}}
{{- define "stoa.releasePodLabels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: stoa
{{- end -}}

{{- define "stoa.secretName" -}}
{{- default (printf "%s-secrets" .Release.Name | trunc 63 | trimSuffix "-") .Values.secrets.existingSecret -}}
{{- end -}}

{{/* The copy of the Secret that the pre-install/pre-upgrade provisioning hooks read (they run before the plain Secret
     exists on install, and before new keys reach it on upgrade). With existingSecret they read that one. */}}
{{- define "stoa.provisioningSecretName" -}}
{{- if .Values.secrets.existingSecret -}}
{{- .Values.secrets.existingSecret -}}
{{- else -}}
{{- printf "%s-provisioning" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Environment prefix of a service: identity-service -> STOA_IDENTITY, tool-router-service -> STOA_TOOL_ROUTER. */}}
{{- define "stoa.envPrefix" -}}
{{- printf "STOA_%s" (. | trimSuffix "-service" | upper | replace "-" "_") -}}
{{- end -}}

{{- define "stoa.image" -}}
{{- $root := index . 0 -}}
{{- $image := index . 1 -}}
{{- $g := $root.Values.global.image -}}
{{- $repo := printf "%s%s" $g.prefix $image.repository -}}
{{- if $g.registry }}{{ $repo = printf "%s/%s" $g.registry $repo }}{{ end -}}
{{- printf "%s:%s" $repo (coalesce $image.tag $g.tag $root.Chart.AppVersion) -}}
{{- end -}}

{{- define "stoa.jdbcUrl" -}}
{{- $root := index . 0 -}}
{{- $pg := $root.Values.postgresql -}}
{{- $url := printf "jdbc:postgresql://%s:%v/%s" $pg.host $pg.port (index . 1).name -}}
{{- if $pg.parameters }}{{ $url = printf "%s?%s" $url $pg.parameters }}{{ end -}}
{{- $url -}}
{{- end -}}

{{/*
Every key the Secret must hold for the enabled services: JSON object key -> {for: what needs it, generated: whether
the chart may generate it}. This is the "Secret check": the chart-created Secret gets each key (failing when one that
must match something outside the chart, e.g. Redis's password, is not given) and an existingSecret is checked for
each. Passwords of roles and users the chart provisions, client secrets and encryption keys are generated.
*/}}
{{- define "stoa.secretKeys" -}}
{{- $keys := dict -}}
{{- $v := .Values -}}
{{- range $name, $svc := $v.services -}}
{{- if $svc.enabled -}}
{{- if $svc.secretsKeyRing -}}
{{- range $version := $v.secrets.keyRing.versions -}}
{{- $_ := set $keys (printf "secrets-key-%s" $version) (dict "for" "encryption key ring (base64 of 32 bytes)" "generated" true) -}}
{{- end -}}
{{- end -}}
{{- with $svc.database -}}
{{- $_ := set $keys (printf "%s-db-owner-password" $name) (dict "for" (printf "role %s (migrations)" .owner) "generated" true) -}}
{{- $_ := set $keys (printf "%s-db-app-password" $name) (dict "for" (printf "role %s" .app) "generated" true) -}}
{{- end -}}
{{- if and $svc.kafkaUser $v.kafka.sasl.enabled -}}
{{- $_ := set $keys (printf "%s-kafka-password" $name) (dict "for" (printf "Kafka user %s" $svc.kafkaUser) "generated" true) -}}
{{- end -}}
{{- if $svc.credential -}}
{{- $_ := set $keys (printf "%s-client-secret" $name) (dict "for" (printf "service credential %s" $svc.credential.clientId) "generated" true) -}}
{{- end -}}
{{- if and $svc.useRedis $v.redis.host -}}
{{- $_ := set $keys "redis-password" (dict "for" "Redis" "generated" false) -}}
{{- end -}}
{{- if and $svc.useKeycloak $v.keycloak.url -}}
{{- $_ := set $keys "keycloak-client-secret" (dict "for" (printf "Keycloak client %s" $v.keycloak.clientId) "generated" false) -}}
{{- end -}}
{{- if and $svc.sendsMail $v.mail.host $v.mail.username -}}
{{- $_ := set $keys "smtp-password" (dict "for" (printf "SMTP user %s" $v.mail.username) "generated" false) -}}
{{- end -}}
{{- range $env, $key := ($svc.secretEnv | default dict) -}}
{{- $_ := set $keys $key (dict "for" (printf "%s of %s" $env $name) "generated" false) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if and $v.provisioning.databases (not $v.postgresql.adminPasswordSecret.name) -}}
{{- $_ := set $keys "postgresql-admin-password" (dict "for" (printf "PostgreSQL role %s (provisioning)" $v.postgresql.adminUser) "generated" false) -}}
{{- end -}}
{{- if and $v.provisioning.kafka $v.kafka.sasl.enabled (not $v.kafka.sasl.adminPasswordSecret.name) -}}
{{- $_ := set $keys "kafka-admin-password" (dict "for" (printf "Kafka user %s (provisioning)" $v.kafka.sasl.adminUser) "generated" false) -}}
{{- end -}}
{{- toJson $keys -}}
{{- end -}}

{{/*
The chart-created Secret's data (key -> base64), computed once per render and shared by the Secret, its provisioning
copy and the pods' checksum. Each value comes from secrets.values, else the Secret already in the cluster (lookup:
upgrades keep every value, including generated ones), else a new random value when the chart may generate it, else
rendering fails naming the key.
*/}}
{{- define "stoa.secretData" -}}
{{- if not (hasKey .Values "stoaComputedSecretData") -}}
{{- $existing := dict -}}
{{- with (lookup "v1" "Secret" .Release.Namespace (include "stoa.secretName" .)) -}}
{{- $existing = .data | default dict -}}
{{- end -}}
{{- $data := dict -}}
{{- range $key, $need := (include "stoa.secretKeys" . | fromJson) -}}
{{- $given := index $.Values.secrets.values $key | default "" -}}
{{- if $given -}}
{{- $_ := set $data $key ($given | toString | b64enc) -}}
{{- else if hasKey $existing $key -}}
{{- $_ := set $data $key (index $existing $key) -}}
{{- else if not $need.generated -}}
{{- fail (printf "Secret key %q (%s) must match a value outside the chart: set secrets.values.%s, or use secrets.existingSecret" $key $need.for $key) -}}
{{- else if hasPrefix "secrets-key-" $key -}}
{{- $_ := set $data $key (randAlphaNum 32 | b64enc | b64enc) -}}
{{- else -}}
{{- $_ := set $data $key (randAlphaNum 32 | b64enc) -}}
{{- end -}}
{{- end -}}
{{- /* Keys a service no longer needs are kept: a re-enabled service finds its old passwords. */ -}}
{{- range $key, $value := $existing -}}
{{- if not (hasKey $data $key) }}{{ $_ := set $data $key $value }}{{ end -}}
{{- end -}}
{{- $_ := set .Values "stoaComputedSecretData" $data -}}
{{- end -}}
{{- toJson .Values.stoaComputedSecretData -}}
{{- end -}}

{{/* Checksum of the Secret the pods read: a changed or rotated value rolls them. */}}
{{- define "stoa.secretChecksum" -}}
{{- if .Values.secrets.existingSecret -}}
{{- with (lookup "v1" "Secret" .Release.Namespace .Values.secrets.existingSecret) -}}
{{- .data | toJson | sha256sum -}}
{{- else -}}
{{- "existing-secret-not-read" | sha256sum -}}
{{- end -}}
{{- else -}}
{{- include "stoa.secretData" . | sha256sum -}}
{{- end -}}
{{- end -}}

{{/* env entry reading a key of the release's Secret. Call with (list $ ENV_NAME key). */}}
{{- define "stoa.secretEnv" -}}
{{- $root := index . 0 -}}
- name: {{ index . 1 }}
  valueFrom: { secretKeyRef: { name: {{ include "stoa.secretName" $root }}, key: {{ index . 2 }} } }
{{- end -}}

{{/* Non-secret environment of a service (its ConfigMap). Call with (list $ $name $svc). */}}
{{- define "stoa.configEnv" -}}
{{- $root := index . 0 -}}
{{- $name := index . 1 -}}
{{- $svc := index . 2 -}}
{{- $v := $root.Values -}}
{{- $env := dict -}}
{{- $routes := dict -}}
{{- range $other, $o := $v.services -}}
{{- $prefix := include "stoa.envPrefix" $other -}}
{{- $url := printf "http://%s:%v" (include "stoa.fullname" (list $root $other)) $o.ports.http -}}
{{- if $o.enabled -}}
{{- $_ := set $env (printf "%s_URL" $prefix) $url -}}
{{- if $o.ports.grpc -}}
{{- $_ := set $env (printf "%s_GRPC" $prefix) (printf "dns:///%s:%v" (include "stoa.grpcName" (list $root $other)) $o.ports.grpc) -}}
{{- end -}}
{{- end -}}
{{- if $o.route -}}
{{- $_ := set $routes $o.route (dict "enabled" (and $o.enabled true) "uri" $url) -}}
{{- end -}}
{{- end -}}
{{- $_ := set $env "SERVER_PORT" (toString $svc.ports.http) -}}
{{- $_ := set $env "MANAGEMENT_SERVER_PORT" (toString $svc.ports.management) -}}
{{- if $svc.ports.grpc -}}
{{- $_ := set $env "SPRING_GRPC_SERVER_PORT" (toString $svc.ports.grpc) -}}
{{- $_ := set $env "SPRING_GRPC_SERVER_KEEPALIVE_CONNECTION_MAXAGE" $v.grpc.maxConnectionAge -}}
{{- end -}}
{{- $_ := set $env "SPRING_KAFKA_BOOTSTRAPSERVERS" $v.kafka.bootstrapServers -}}
{{- if $v.kafka.sasl.enabled -}}
{{- $_ := set $env "SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL" $v.kafka.sasl.securityProtocol -}}
{{- $_ := set $env "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM" $v.kafka.sasl.mechanism -}}
{{- end -}}
{{- $_ := set $env "STOA_ISSUER" $v.global.issuer -}}
{{- $_ := set $env "STOA_TOKEN_ISSUER" $v.global.issuer -}}
{{- $_ := set $env "JAVA_OPTS" (trim (printf "%s %s" $v.global.jvmOptions (default "" $svc.jvmOptions))) -}}
{{- $_ := set $env "OTEL_SERVICE_NAME" $name -}}
{{- if $v.otel.endpoint -}}
{{- $_ := set $env "OTEL_EXPORTER_OTLP_ENDPOINT" $v.otel.endpoint -}}
{{- $_ := set $env "OTEL_EXPORTER_OTLP_PROTOCOL" $v.otel.protocol -}}
{{- end -}}
{{- with $svc.database -}}
{{- $_ := set $env "SPRING_DATASOURCE_URL" (include "stoa.jdbcUrl" (list $root .)) -}}
{{- /* The app role only: migrations ran before the pods started (provisioning Jobs), with the owner role. */ -}}
{{- $_ := set $env "SPRING_DATASOURCE_USERNAME" .app -}}
{{- end -}}
{{- if $svc.secretsKeyRing -}}
{{- $_ := set $env "STOA_SECRETS_ACTIVEVERSION" $v.secrets.keyRing.activeVersion -}}
{{- end -}}
{{- if $svc.credential -}}
{{- $_ := set $env "STOA_GRPC_SERVICECREDENTIAL_CLIENTID" $svc.credential.clientId -}}
{{- end -}}
{{- with $v.keycloak -}}
{{- if .issuer -}}
{{- $_ := set $env "STOA_KEYCLOAK_ISSUER" .issuer -}}
{{- end -}}
{{- if and .url $svc.useKeycloak -}}
{{- $_ := set $env "STOA_KEYCLOAK_URL" .url -}}
{{- $_ := set $env "STOA_KEYCLOAK_REALM" .realm -}}
{{- $_ := set $env "STOA_KEYCLOAK_CLIENT_ID" .clientId -}}
{{- end -}}
{{- end -}}
{{- if and $svc.sendsMail $v.mail.host -}}
{{- $_ := set $env "STOA_MAIL_DELIVERY" "smtp" -}}
{{- $_ := set $env "STOA_SMTP_HOST" $v.mail.host -}}
{{- $_ := set $env "STOA_SMTP_PORT" (toString $v.mail.port) -}}
{{- $_ := set $env "STOA_SMTP_STARTTLS" (toString $v.mail.starttls) -}}
{{- $_ := set $env "STOA_MAIL_FROM" $v.mail.from -}}
{{- if $v.mail.username }}{{ $_ := set $env "STOA_SMTP_USERNAME" $v.mail.username }}{{ $_ := set $env "STOA_SMTP_AUTH" "true" }}{{ end -}}
{{- with $v.mail.publicUrl }}{{ $_ := set $env "STOA_PUBLIC_URL" . }}{{ end -}}
{{- end -}}
{{- if $svc.public -}}
{{- /* Only these peers' X-Forwarded-For is believed: without them every client shares the proxy's rate limit. */ -}}
{{- with $v.ingress.trustedProxies }}{{ $_ := set $env "STOA_GATEWAY_TRUSTEDPROXIES" (join "," .) }}{{ end -}}
{{- /* Route names may hold dashes (tool-router), which environment variable names cannot carry into map keys. */ -}}
{{- $_ := set $env "SPRING_APPLICATION_JSON" (dict "stoa" (dict "gateway" (dict "routes" $routes)) | toJson) -}}
{{- end -}}
{{- range $k, $val := $v.global.env -}}
{{- $_ := set $env $k (tpl (toString $val) $root) -}}
{{- end -}}
{{- range $k, $val := $svc.env -}}
{{- $_ := set $env $k (tpl (toString $val) $root) -}}
{{- end -}}
{{- toYaml $env -}}
{{- end -}}

{{/* Secret environment of a service's pods (secretKeyRef only). Call with (list $ $name $svc). */}}
{{- define "stoa.secretEnvs" -}}
{{- $root := index . 0 -}}
{{- $name := index . 1 -}}
{{- $svc := index . 2 -}}
{{- $v := $root.Values -}}
{{- range $envName, $key := $svc.secretEnv }}
{{ include "stoa.secretEnv" (list $root $envName $key) }}
{{- end }}
{{- if $svc.database }}
{{ include "stoa.secretEnv" (list $root "SPRING_DATASOURCE_PASSWORD" (printf "%s-db-app-password" $name)) }}
{{- end }}
{{- if $svc.secretsKeyRing }}
{{- range $version := $v.secrets.keyRing.versions }}
{{ include "stoa.secretEnv" (list $root (printf "STOA_SECRETS_KEYS_%s" (upper $version)) (printf "secrets-key-%s" $version)) }}
{{- end }}
{{- end }}
{{- if and $svc.kafkaUser $v.kafka.sasl.enabled }}
{{ include "stoa.secretEnv" (list $root "STOA_KAFKA_PASSWORD" (printf "%s-kafka-password" $name)) }}
- name: SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG
  value: {{ printf "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"%s\" password=\"$(STOA_KAFKA_PASSWORD)\";" $svc.kafkaUser | quote }}
{{- end }}
{{- if $svc.credential }}
{{ include "stoa.secretEnv" (list $root "STOA_GRPC_SERVICECREDENTIAL_CLIENTSECRET" (printf "%s-client-secret" $name)) }}
{{- end }}
{{- if $svc.issuesServiceTokens }}
{{- range $other, $o := $v.services }}
{{- if and $o.enabled $o.credential }}
{{ include "stoa.secretEnv" (list $root (printf "STOA_IDENTITY_SERVICECLIENTS_%s" (upper $o.credential.clientId)) (printf "%s-client-secret" $other)) }}
{{- end }}
{{- end }}
{{- end }}
{{- if and $svc.useKeycloak $v.keycloak.url }}
{{ include "stoa.secretEnv" (list $root "STOA_KEYCLOAK_CLIENT_SECRET" "keycloak-client-secret") }}
{{- end }}
{{- if and $svc.useRedis $v.redis.host }}
{{ include "stoa.secretEnv" (list $root "STOA_REDIS_PASSWORD" "redis-password") }}
- name: STOA_REDIS_URL
  value: {{ printf "%s://:$(STOA_REDIS_PASSWORD)@%s:%v" (ternary "rediss" "redis" $v.redis.tls) $v.redis.host $v.redis.port | quote }}
{{- end }}
{{- if and $svc.sendsMail $v.mail.host $v.mail.username }}
{{ include "stoa.secretEnv" (list $root "STOA_SMTP_PASSWORD" "smtp-password") }}
{{- end }}
{{- end -}}

{{/* Pod spec parts every pod of the chart shares (pull secrets, scheduling). Call with (list $ $svc). */}}
{{- define "stoa.podScheduling" -}}
{{- $root := index . 0 -}}
{{- $svc := index . 1 -}}
{{- with $root.Values.global.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with (default $root.Values.global.nodeSelector $svc.nodeSelector) }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with (default $root.Values.global.tolerations $svc.tolerations) }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with (default $root.Values.global.affinity $svc.affinity) }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
