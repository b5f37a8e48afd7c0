data "aws_partition" "current" {}

locals {
  partition = data.aws_partition.current.partition
  log_group = "/aws/eks/${var.cluster_name}/cluster"
}

# ---------------------------------------------------------------------------------------
# KMS key: envelope encryption of Kubernetes secrets, and the control-plane log group
# ---------------------------------------------------------------------------------------
module "kms" {
  source = "../kms-key"

  description         = "EKS ${var.cluster_name}: Kubernetes secrets envelope encryption and control-plane logs"
  alias               = "${var.cluster_name}-eks"
  logs_log_group_name = local.log_group
  tags                = var.tags
}

resource "aws_cloudwatch_log_group" "cluster" {
  #checkov:skip=CKV_AWS_338:Retention is a variable (default 30 days) to keep the demo's log cost low; raise it for production.
  name              = local.log_group
  retention_in_days = var.cluster_log_retention_days
  kms_key_id        = module.kms.arn
  tags              = var.tags
}

# ---------------------------------------------------------------------------------------
# IAM roles: control plane and nodes
# ---------------------------------------------------------------------------------------
resource "aws_iam_role" "cluster" {
  name = "${var.cluster_name}-cluster"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "eks.amazonaws.com" }
      Action    = ["sts:AssumeRole", "sts:TagSession"]
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "cluster" {
  role       = aws_iam_role.cluster.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/AmazonEKSClusterPolicy"
}

resource "aws_iam_role" "node" {
  name = "${var.cluster_name}-node"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = var.tags
}

# The CNI policy stays on the node role (the managed node group default): aws-node runs with
# hostNetwork, so it reaches IMDS despite hop limit 1, and it needs credentials before the
# Pod Identity agent is up. Application pods cannot reach IMDS (hop limit 1), so they do not
# inherit these node permissions.
resource "aws_iam_role_policy_attachment" "node" {
  for_each = toset(["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly", "AmazonEKS_CNI_Policy"])

  role       = aws_iam_role.node.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/${each.value}"
}

# ---------------------------------------------------------------------------------------
# Control plane
# ---------------------------------------------------------------------------------------
resource "aws_eks_cluster" "this" {
  #checkov:skip=CKV_AWS_39:The root keeps the public endpoint on (apply's Helm provider and kubectl run outside the VPC), limited to public_access_cidrs; this module's endpoint_public_access = false gives private-only.
  #checkov:skip=CKV_AWS_38:public_access_cidrs is validated to /16 or narrower, so never 0.0.0.0/0 (tests/plan.tftest.hcl asserts the refusal); checkov cannot see that.
  name     = var.cluster_name
  version  = var.kubernetes_version
  role_arn = aws_iam_role.cluster.arn

  # The CNI, kube-proxy and CoreDNS come only as managed add-ons below (no self-managed copies
  # for the add-ons to take over).
  bootstrap_self_managed_addons = false

  vpc_config {
    subnet_ids              = var.private_subnet_ids
    endpoint_private_access = true
    endpoint_public_access  = var.endpoint_public_access
    public_access_cidrs     = var.endpoint_public_access ? var.public_access_cidrs : null
  }

  access_config {
    authentication_mode                         = "API"
    bootstrap_cluster_creator_admin_permissions = false
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = module.kms.arn
    }
  }

  enabled_cluster_log_types = var.cluster_log_types

  # Standard support only: extended support bills $0.60/h instead of $0.10/h.
  upgrade_policy {
    support_type = "STANDARD"
  }

  tags = var.tags

  depends_on = [aws_iam_role_policy_attachment.cluster, aws_cloudwatch_log_group.cluster]
}

# Cluster admins via access entries (API authentication mode; no aws-auth ConfigMap).
resource "aws_eks_access_entry" "admin" {
  for_each = toset(var.admin_principal_arns)

  cluster_name  = aws_eks_cluster.this.name
  principal_arn = each.value
  type          = "STANDARD"
  tags          = var.tags
}

resource "aws_eks_access_policy_association" "admin" {
  for_each = toset(var.admin_principal_arns)

  cluster_name  = aws_eks_cluster.this.name
  principal_arn = aws_eks_access_entry.admin[each.key].principal_arn
  policy_arn    = "arn:${local.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"

  access_scope {
    type = "cluster"
  }
}

# ---------------------------------------------------------------------------------------
# Managed node group: one t3.small (AL2023) in the private subnets
# ---------------------------------------------------------------------------------------
resource "aws_launch_template" "node" {
  name_prefix            = "${var.cluster_name}-node-"
  update_default_version = true

  # IMDSv2 only, and a hop limit of 1 so that pods (one hop further) cannot read the node
  # role's credentials; workloads get AWS credentials through EKS Pod Identity instead.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
    instance_metadata_tags      = "disabled"
  }

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size           = var.node_disk_size_gb
      volume_type           = "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }

  monitoring {
    enabled = false
  }

  # AL2023 nodeadm NodeConfig, merged by EKS with its own bootstrap config: raise maxPods above
  # the ENI-based default (11 on a t3.small) now that prefix delegation provides the IPs.
  user_data = base64encode(<<-EOT
    MIME-Version: 1.0
    Content-Type: multipart/mixed; boundary="BOUNDARY"

    --BOUNDARY
    Content-Type: application/node.eks.aws

    apiVersion: node.eks.aws/v1alpha1
    kind: NodeConfig
    spec:
      kubelet:
        config:
          maxPods: ${var.node_max_pods}

    --BOUNDARY--
  EOT
  )

  tag_specifications {
    resource_type = "instance"
    tags          = merge(var.tags, { Name = "${var.cluster_name}-node" })
  }

  tag_specifications {
    resource_type = "volume"
    tags          = merge(var.tags, { Name = "${var.cluster_name}-node" })
  }

  tags = var.tags
}

resource "aws_eks_node_group" "default" {
  cluster_name    = aws_eks_cluster.this.name
  node_group_name = "default"
  node_role_arn   = aws_iam_role.node.arn
  subnet_ids      = var.private_subnet_ids
  ami_type        = "AL2023_x86_64_STANDARD"
  capacity_type   = "ON_DEMAND"
  instance_types  = var.node_instance_types
  version         = var.kubernetes_version

  scaling_config {
    min_size     = var.node_min_size
    max_size     = var.node_max_size
    desired_size = var.node_desired_size
  }

  update_config {
    max_unavailable = 1
  }

  launch_template {
    id      = aws_launch_template.node.id
    version = aws_launch_template.node.latest_version
  }

  labels = { role = "general" }
  tags   = var.tags

  # The CNI and the Pod Identity agent must exist before nodes join, or pods get no IPs.
  depends_on = [
    aws_iam_role_policy_attachment.node,
    aws_eks_addon.before_nodes,
  ]
}

# ---------------------------------------------------------------------------------------
# Managed add-ons
# ---------------------------------------------------------------------------------------
locals {
  addons_before_nodes = {
    "vpc-cni" = jsonencode({
      enableNetworkPolicy = "true"
      env = {
        ENABLE_PREFIX_DELEGATION = "true"
        WARM_PREFIX_TARGET       = "1"
      }
    })
    "eks-pod-identity-agent" = null
    "kube-proxy"             = null
  }
  addons_after_nodes = {
    "coredns"        = jsonencode({ replicaCount = 2 })
    "metrics-server" = null
  }
}

resource "aws_eks_addon" "before_nodes" {
  for_each = local.addons_before_nodes

  cluster_name                = aws_eks_cluster.this.name
  addon_name                  = each.key
  addon_version               = lookup(var.addon_versions, each.key, null)
  configuration_values        = each.value
  resolve_conflicts_on_create = "OVERWRITE"
  resolve_conflicts_on_update = "OVERWRITE"
  tags                        = var.tags
}

resource "aws_eks_addon" "after_nodes" {
  for_each = local.addons_after_nodes

  cluster_name                = aws_eks_cluster.this.name
  addon_name                  = each.key
  addon_version               = lookup(var.addon_versions, each.key, null)
  configuration_values        = each.value
  resolve_conflicts_on_create = "OVERWRITE"
  resolve_conflicts_on_update = "OVERWRITE"
  tags                        = var.tags

  depends_on = [aws_eks_node_group.default]
}
