{{/*
Names, labels and shared settings of the chart's resources.
*/}}

{{/* The chart name, or nameOverride. */}}
{{- define "farcall.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* "<release>-<chart>" (the release alone when it contains the chart name), or fullnameOverride. */}}
{{- define "farcall.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The name of a component's resources: (dict "context" . "component" "worker"). */}}
{{- define "farcall.componentName" -}}
{{- printf "%s-%s" (include "farcall.fullname" .context) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels that select a component's pods: (dict "context" . "component" "worker"). */}}
{{- define "farcall.selectorLabels" -}}
app.kubernetes.io/name: {{ include "farcall.name" .context }}
app.kubernetes.io/instance: {{ .context.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* All labels of a component's resources: (dict "context" . "component" "worker"). */}}
{{- define "farcall.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .context.Chart.Name .context.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "farcall.selectorLabels" . }}
app.kubernetes.io/version: {{ .context.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .context.Release.Service }}
app.kubernetes.io/part-of: farcall
{{- end -}}

{{/* A Farcall image: (dict "context" . "image" .Values.image.worker). */}}
{{- define "farcall.image" -}}
{{- $repository := .image.repository -}}
{{- if .context.Values.image.registry -}}
{{- $repository = printf "%s/%s" .context.Values.image.registry .image.repository -}}
{{- end -}}
{{- printf "%s:%s" $repository (default .context.Chart.AppVersion .image.tag) -}}
{{- end -}}

{{/* The Secret holding the tokens: the user's, or the chart's. */}}
{{- define "farcall.tokensSecretName" -}}
{{- default (include "farcall.componentName" (dict "context" . "component" "tokens")) .Values.auth.existingSecret -}}
{{- end -}}

{{/* Kafka's bootstrap servers: the in-release broker's Service, or externalKafka. */}}
{{- define "farcall.kafkaBootstrapServers" -}}
{{- if .Values.kafka.enabled -}}
{{- printf "%s:9092" (include "farcall.componentName" (dict "context" . "component" "kafka")) -}}
{{- else -}}
{{- required "externalKafka.bootstrapServers is required when kafka.enabled is false" .Values.externalKafka.bootstrapServers -}}
{{- end -}}
{{- end -}}

{{/* The JDBC URL of the coordinator's database. */}}
{{- define "farcall.jdbcUrl" -}}
{{- if .Values.postgresql.enabled -}}
{{- printf "jdbc:postgresql://%s:5432/%s" (include "farcall.componentName" (dict "context" . "component" "postgresql")) .Values.postgresql.auth.database -}}
{{- else -}}
{{- $host := required "externalDatabase.host is required when postgresql.enabled is false" .Values.externalDatabase.host -}}
{{- printf "jdbc:postgresql://%s:%d/%s" $host (int .Values.externalDatabase.port) .Values.externalDatabase.database -}}
{{- end -}}
{{- end -}}

{{/* The database user of the coordinator. */}}
{{- define "farcall.databaseUsername" -}}
{{- if .Values.postgresql.enabled -}}
{{- .Values.postgresql.auth.username -}}
{{- else -}}
{{- .Values.externalDatabase.username -}}
{{- end -}}
{{- end -}}

{{/* The Secret holding the database password: the user's (external database), or the chart's. */}}
{{- define "farcall.databaseSecretName" -}}
{{- if and (not .Values.postgresql.enabled) .Values.externalDatabase.existingSecret -}}
{{- .Values.externalDatabase.existingSecret -}}
{{- else -}}
{{- include "farcall.componentName" (dict "context" . "component" "database") -}}
{{- end -}}
{{- end -}}

{{/* The key of the password in the database Secret. */}}
{{- define "farcall.databaseSecretKey" -}}
{{- if and (not .Values.postgresql.enabled) .Values.externalDatabase.existingSecret -}}
{{- .Values.externalDatabase.existingSecretPasswordKey -}}
{{- else -}}
password
{{- end -}}
{{- end -}}

{{/*
A random secret value, base64, that stays the same across upgrades: on an upgrade the value the
Secret already holds is kept. (Only upgrades look the Secret up, so rendering offline, as helm
template does, never needs a cluster.)
(dict "context" . "secret" $name "key" "admin-token")
*/}}
{{- define "farcall.generatedSecretValue" -}}
{{- $existing := dict -}}
{{- if .context.Release.IsUpgrade -}}
{{- $existing = (lookup "v1" "Secret" .context.Release.Namespace .secret).data | default dict -}}
{{- end -}}
{{- if hasKey $existing .key -}}
{{- index $existing .key -}}
{{- else -}}
{{- randAlphaNum 43 | b64enc -}}
{{- end -}}
{{- end -}}

{{/* Checks that values which must agree do; fails the rendering with what to change. */}}
{{- define "farcall.validate" -}}
{{- $partitions := int .Values.invocationPartitions -}}
{{- if .Values.worker.autoscaling.enabled -}}
{{- if gt (int .Values.worker.autoscaling.maxReplicas) $partitions -}}
{{- fail (printf "worker.autoscaling.maxReplicas (%d) exceeds invocationPartitions (%d): workers beyond the partitions would sit idle" (int .Values.worker.autoscaling.maxReplicas) $partitions) -}}
{{- end -}}
{{- if gt (int .Values.worker.autoscaling.minReplicas) (int .Values.worker.autoscaling.maxReplicas) -}}
{{- fail "worker.autoscaling.minReplicas exceeds worker.autoscaling.maxReplicas" -}}
{{- end -}}
{{- else if gt (int .Values.worker.replicas) $partitions -}}
{{- fail (printf "worker.replicas (%d) exceeds invocationPartitions (%d): workers beyond the partitions would sit idle" (int .Values.worker.replicas) $partitions) -}}
{{- end -}}
{{- end -}}
