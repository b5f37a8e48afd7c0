variable "region" {
  description = "Region of the state bucket (the same as the main configuration's)."
  type        = string
  default     = "us-east-1"
}

variable "bucket_prefix" {
  description = "Prefix of the state bucket name; the account ID is appended to make it globally unique."
  type        = string
  default     = "users-api-tfstate"
}

variable "noncurrent_version_days" {
  description = "Days old state versions are kept (recovery from a bad apply)."
  type        = number
  default     = 90
}

variable "force_destroy" {
  description = "Let destroy delete the bucket with its state versions (only for the final teardown)."
  type        = bool
  default     = false
}
