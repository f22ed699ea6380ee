{{/* Name of a service's resources: <release>-<service>, at most 63 characters. Call with (list $ $name). */}}
{{- define "stoa.fullname" -}}
{{- $root := index . 0 -}}
{{- printf "%s-%s" $root.Release.Name (index . 1) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* A service's values merged over serviceDefaults (the service's own keys win). Call with (list $ $name); YAML. */}}
{{- define "stoa.service" -}}
{{- $root := index . 0 -}}
{{- $svc := index $root.Values.services (index . 1) -}}
{{- toYaml (mergeOverwrite (deepCopy $root.Values.serviceDefaults) (deepCopy $svc)) -}}
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

{{/* Pods of this release: what NetworkPolicies admit. */}}
{{- define "stoa.releasePodLabels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: stoa
{{- end -}}

{{- define "stoa.secretName" -}}
{{- default (printf "%s-secrets" .Release.Name | trunc 63 | trimSuffix "-") .Values.secrets.existingSecret -}}
{{- end -}}

{{/* Environment prefix of a service: identity-service -> STOA_IDENTITY, tool-router -> STOA_TOOL_ROUTER. */}}
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

{{/* Non-secret environment of a service (its ConfigMap). Call with (list $ $name $svc). */}}
{{- define "stoa.configEnv" -}}
{{- $root := index . 0 -}}
{{- $name := index . 1 -}}
{{- $svc := index . 2 -}}
{{- $env := dict -}}
{{- range $other, $o := $root.Values.services -}}
{{- if $o.enabled -}}
{{- $prefix := include "stoa.envPrefix" $other -}}
{{- $host := include "stoa.fullname" (list $root $other) -}}
{{- $_ := set $env (printf "%s_URL" $prefix) (printf "http://%s:%v" $host $o.ports.http) -}}
{{- if $o.ports.grpc -}}
{{- $_ := set $env (printf "%s_GRPC" $prefix) (printf "static://%s:%v" $host $o.ports.grpc) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $_ := set $env "SERVER_PORT" (toString $svc.ports.http) -}}
{{- if $svc.ports.grpc -}}
{{- $_ := set $env "SPRING_GRPC_SERVER_PORT" (toString $svc.ports.grpc) -}}
{{- end -}}
{{- $_ := set $env "SPRING_KAFKA_BOOTSTRAPSERVERS" $root.Values.kafka.bootstrapServers -}}
{{- $_ := set $env "STOA_ISSUER" $root.Values.global.issuer -}}
{{- $_ := set $env "STOA_TOKEN_ISSUER" $root.Values.global.issuer -}}
{{- $_ := set $env "JAVA_OPTS" (trim (printf "%s %s" $root.Values.global.jvmOptions (default "" $svc.jvmOptions))) -}}
{{- $_ := set $env "OTEL_SERVICE_NAME" $name -}}
{{- if $root.Values.otel.endpoint -}}
{{- $_ := set $env "OTEL_EXPORTER_OTLP_ENDPOINT" $root.Values.otel.endpoint -}}
{{- $_ := set $env "OTEL_EXPORTER_OTLP_PROTOCOL" $root.Values.otel.protocol -}}
{{- end -}}
{{- with $svc.database -}}
{{- $pg := $root.Values.postgresql -}}
{{- $url := printf "jdbc:postgresql://%s:%v/%s" $pg.host $pg.port .name -}}
{{- if $pg.parameters }}{{ $url = printf "%s?%s" $url $pg.parameters }}{{ end -}}
{{- $_ := set $env "SPRING_DATASOURCE_URL" $url -}}
{{- $_ := set $env "SPRING_DATASOURCE_USERNAME" .app -}}
{{- $_ := set $env "SPRING_LIQUIBASE_URL" $url -}}
{{- $_ := set $env "SPRING_LIQUIBASE_USER" .owner -}}
{{- /* A map key with an underscore (app_role) cannot come from an environment variable name. */ -}}
{{- $_ := set $env "SPRING_APPLICATION_JSON" (dict "spring" (dict "liquibase" (dict "parameters" (dict "app_role" .app))) | toJson) -}}
{{- end -}}
{{- if $svc.secretsKeyRing -}}
{{- $_ := set $env "STOA_SECRETS_ACTIVEVERSION" "v1" -}}
{{- end -}}
{{- with $root.Values.keycloak -}}
{{- if .issuer -}}
{{- $_ := set $env "STOA_KEYCLOAK_ISSUER" .issuer -}}
{{- end -}}
{{- if and .url $svc.useKeycloak -}}
{{- $_ := set $env "STOA_KEYCLOAK_URL" .url -}}
{{- $_ := set $env "STOA_KEYCLOAK_REALM" .realm -}}
{{- $_ := set $env "STOA_KEYCLOAK_CLIENT_ID" .clientId -}}
{{- end -}}
{{- end -}}
{{- range $k, $v := $root.Values.global.env -}}
{{- $_ := set $env $k (tpl (toString $v) $root) -}}
{{- end -}}
{{- range $k, $v := $svc.env -}}
{{- $_ := set $env $k (tpl (toString $v) $root) -}}
{{- end -}}
{{- toYaml $env -}}
{{- end -}}
