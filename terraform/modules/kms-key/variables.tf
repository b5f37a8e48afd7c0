variable "description" {
  description = "Description of the key."
  type        = string
}

variable "alias" {
  description = "Alias name without the alias/ prefix; null for none."
  type        = string
  default     = null
}

variable "logs_log_group_name" {
  description = "CloudWatch Logs group allowed to use the key (adds a statement for the regional logs service principal, limited to that group); null for none."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags of the key."
  type        = map(string)
  default     = {}
}
