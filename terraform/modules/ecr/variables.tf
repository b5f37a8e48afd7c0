variable "repository_name" {
  description = "Name of the ECR repository holding the application image."
  type        = string
}

variable "force_delete" {
  description = "Let `destroy` delete the repository even when it still holds images (false: empty it first, see the teardown checklist)."
  type        = bool
  default     = false
}

variable "keep_tagged_images" {
  description = "Number of most recent tagged images the lifecycle policy keeps."
  type        = number
  default     = 30
}

variable "untagged_expiry_days" {
  description = "Days after which untagged images (layers of superseded builds) expire."
  type        = number
  default     = 7
}

variable "tags" {
  description = "Extra tags for the resources of this module."
  type        = map(string)
  default     = {}
}
