{{/* Names and labels. */}}
{{- define "burnlink.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "burnlink.fullname" -}}
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

{{- define "burnlink.selectorLabels" -}}
app.kubernetes.io/name: {{ include "burnlink.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "burnlink.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "burnlink.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "burnlink.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* The Secret passed to the container with envFrom. */}}
{{- define "burnlink.secretName" -}}
{{- default (include "burnlink.fullname" .) .Values.existingSecret -}}
{{- end -}}

{{/* sqlite and ephemeral keep their state in one process. */}}
{{- define "burnlink.singleNode" -}}
{{- if has .Values.store.mode (list "sqlite" "ephemeral") -}}true{{- end -}}
{{- end -}}

{{- define "burnlink.pvcName" -}}
{{- default (printf "%s-data" (include "burnlink.fullname" .)) .Values.persistence.existingClaim -}}
{{- end -}}

{{/*
Refuses values that cannot work: an unknown mode, several replicas or autoscaling on a single-node store, a
missing store URL. Included by every template that depends on the mode, so `helm template` and `helm install`
both stop with the message.
*/}}
{{- define "burnlink.validate" -}}
{{- $mode := .Values.store.mode -}}
{{- if not (has $mode (list "sqlite" "postgres" "redis" "ephemeral")) -}}
{{- fail (printf "store.mode must be sqlite, postgres, redis or ephemeral (got %q)" $mode) -}}
{{- end -}}
{{- if include "burnlink.singleNode" . -}}
{{- if gt (int .Values.replicaCount) 1 -}}
{{- fail (printf "store.mode=%s keeps its data in one pod: replicaCount must be 1 (got %d). Use store.mode=postgres or redis for several replicas." $mode (int .Values.replicaCount)) -}}
{{- end -}}
{{- if .Values.autoscaling.enabled -}}
{{- fail (printf "store.mode=%s keeps its data in one pod: autoscaling.enabled must be false. Use store.mode=postgres or redis to scale out." $mode) -}}
{{- end -}}
{{- end -}}
{{- if not .Values.existingSecret -}}
{{- if and (eq $mode "postgres") (not .Values.store.postgresUrl) -}}
{{- fail "store.mode=postgres needs store.postgresUrl (or existingSecret with BURNLINK_STORE)" -}}
{{- end -}}
{{- if eq $mode "redis" -}}
{{- if not .Values.store.redisUrl -}}
{{- fail "store.mode=redis needs store.redisUrl (or existingSecret with BURNLINK_STORE)" -}}
{{- end -}}
{{- if not .Values.store.accountsStoreUrl -}}
{{- fail "store.mode=redis needs store.accountsStoreUrl (postgres://…): a SQLite accounts file would be per pod" -}}
{{- end -}}
{{- if and (not .Values.store.blobStoreUrl) (ne (toString (index .Values.config "BURNLINK_MAX_FILES" | default "")) "0") -}}
{{- fail "store.mode=redis needs store.blobStoreUrl (postgres://… or fs:PATH on a shared volume), or config.BURNLINK_MAX_FILES=\"0\"" -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Whether more than one pod may run at once (for the PodDisruptionBudget). */}}
{{- define "burnlink.multiReplica" -}}
{{- if or .Values.autoscaling.enabled (gt (int .Values.replicaCount) 1) -}}true{{- end -}}
{{- end -}}
