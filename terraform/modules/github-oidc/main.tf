data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  partition    = data.aws_partition.current.partition
  region       = data.aws_region.current.name
  issuer_host  = "token.actions.githubusercontent.com"
  provider_arn = var.create_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : "arn:${local.partition}:iam::${data.aws_caller_identity.current.account_id}:oidc-provider/${local.issuer_host}"
  state_object = "arn:${local.partition}:s3:::${var.state_bucket}/${var.state_key}"

  trust = { for role, subjects in { deploy = var.deploy_subjects, plan = var.plan_subjects } : role => jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = local.provider_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "${local.issuer_host}:aud" = "sts.amazonaws.com" }
        StringLike   = { "${local.issuer_host}:sub" = [for s in subjects : "repo:${var.github_repository}:${s}"] }
      }
    }]
  }) }
}

resource "aws_iam_openid_connect_provider" "github" {
  count = var.create_oidc_provider ? 1 : 0

  url            = "https://${local.issuer_host}"
  client_id_list = ["sts.amazonaws.com"]
  # IAM no longer checks this thumbprint for GitHub (it trusts the issuer's CA), but the
  # argument is still required by some provider versions.
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]
  tags            = var.tags
}

# ---------------------------------------------------------------------------------------
# Deploy role: push the image to the one ECR repository, describe the one cluster, and
# (through an EKS access entry) edit only the app namespace.
# ---------------------------------------------------------------------------------------
resource "aws_iam_role" "deploy" {
  name                 = "${var.name}-github-deploy"
  description          = "GitHub Actions of ${var.github_repository}: push to ECR and deploy to the ${var.deploy_namespace} namespace"
  assume_role_policy   = local.trust["deploy"]
  max_session_duration = 3600
  tags                 = var.tags
}

resource "aws_iam_role_policy" "deploy" {
  name = "push-and-deploy"
  role = aws_iam_role.deploy.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "EcrLogin"
        Effect   = "Allow"
        Action   = "ecr:GetAuthorizationToken"
        Resource = "*"
      },
      {
        Sid    = "EcrPush"
        Effect = "Allow"
        Action = [
          "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer",
          "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage",
          "ecr:DescribeImages", "ecr:DescribeImageScanFindings",
        ]
        Resource = var.ecr_repository_arn
      },
      {
        Sid      = "EcrKms"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = var.ecr_kms_key_arn
        Condition = {
          StringEquals = { "kms:ViaService" = "ecr.${local.region}.amazonaws.com" }
        }
      },
      {
        Sid      = "EksKubeconfig"
        Effect   = "Allow"
        Action   = "eks:DescribeCluster"
        Resource = var.cluster_arn
      },
    ]
  })
}

# ---------------------------------------------------------------------------------------
# Plan role: read-only AWS view for `tofu plan` on pull requests.
# ---------------------------------------------------------------------------------------
resource "aws_iam_role" "plan" {
  name                 = "${var.name}-github-plan"
  description          = "GitHub Actions of ${var.github_repository}: read-only, for tofu plan"
  assume_role_policy   = local.trust["plan"]
  max_session_duration = 3600
  tags                 = var.tags
}

resource "aws_iam_role_policy_attachment" "plan_read_only" {
  role       = aws_iam_role.plan.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role_policy" "plan" {
  count = var.state_bucket != "" || length(var.plan_readable_secret_arns) > 0 ? 1 : 0

  name = "state-and-refresh"
  role = aws_iam_role.plan.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      var.state_bucket == "" ? [] : [
        {
          Sid      = "StateRead"
          Effect   = "Allow"
          Action   = ["s3:GetObject"]
          Resource = local.state_object
        },
        {
          Sid      = "StateLock"
          Effect   = "Allow"
          Action   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
          Resource = "${local.state_object}.tflock"
        },
      ],
      length(var.plan_readable_secret_arns) == 0 ? [] : [{
        Sid      = "RefreshReadsSecret"
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = var.plan_readable_secret_arns
      }],
      [{
        Sid      = "EphemeralRandomPassword"
        Effect   = "Allow"
        Action   = "secretsmanager:GetRandomPassword"
        Resource = "*"
      }],
      # Reading the state decrypts it; writing the lock file (SSE-KMS) needs a data key. S3 only,
      # and s3:PutObject above is granted on the lock file alone.
      var.state_kms_key_arn == "" ? [] : [{
        Sid       = "StateKms"
        Effect    = "Allow"
        Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource  = var.state_kms_key_arn
        Condition = { StringEquals = { "kms:ViaService" = "s3.${local.region}.amazonaws.com" } }
      }],
      length(var.plan_kms_key_arns) == 0 ? [] : [{
        Sid       = "SecretsDecrypt"
        Effect    = "Allow"
        Action    = "kms:Decrypt"
        Resource  = var.plan_kms_key_arns
        Condition = { StringEquals = { "kms:ViaService" = "secretsmanager.${local.region}.amazonaws.com" } }
      }],
    )
  })
}

# ReadOnlyAccess also reads data: every S3 object, log events, queue messages, table items, and
# SecureString parameters (aws/ssm lets every principal of the account decrypt). A plan needs
# metadata only, so those reads are denied, except the state and the secrets a refresh reads.
locals {
  # NotResource: denied on every resource but these; with none to spare, on all.
  spare_state   = var.state_bucket == "" ? tomap({ Resource = ["*"] }) : tomap({ NotResource = [local.state_object, "${local.state_object}.tflock"] })
  spare_secrets = length(var.plan_readable_secret_arns) == 0 ? tomap({ Resource = ["*"] }) : tomap({ NotResource = var.plan_readable_secret_arns })
}

resource "aws_iam_role_policy" "plan_deny_data_reads" {
  name = "deny-data-reads"
  role = aws_iam_role.plan.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      merge({ Sid = "DenyObjectReadsButState", Effect = "Deny", Action = "s3:GetObject*" }, local.spare_state),
      merge({ Sid = "DenySecretValuesButRefreshed", Effect = "Deny", Action = "secretsmanager:GetSecretValue" }, local.spare_secrets),
      {
        # Parameter Store decrypts a SecureString with the caller's kms:Decrypt, whichever
        # ssm:GetParameter* call asks for it; IAM has no condition key for WithDecryption.
        Sid       = "DenyParameterDecryption"
        Effect    = "Deny"
        Action    = "kms:Decrypt"
        Resource  = "*"
        Condition = { StringEquals = { "kms:ViaService" = "ssm.${local.region}.amazonaws.com" } }
      },
      {
        Sid    = "DenyDataReads"
        Effect = "Deny"
        Action = [
          "logs:GetLogEvents", "logs:FilterLogEvents", "logs:StartQuery", "logs:GetQueryResults", "logs:GetLogRecord", "logs:StartLiveTail",
          "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:PartiQLSelect", "dynamodb:GetRecords",
          "kinesis:GetRecords", "kinesis:GetShardIterator",
          "sqs:ReceiveMessage",
        ]
        Resource = "*"
      },
    ]
  })
}

# ---------------------------------------------------------------------------------------
# Kubernetes access of the CI roles: EKS access entries with namespace-scoped policies.
#   deploy: edit the app namespace only. Access policies cover no custom resources, so the
#           entry also carries the Kubernetes group var.deploy_kubernetes_group, which the
#           addons module binds in the app namespace to a Role for the chart's External
#           Secrets Operator objects (SecretStore, ExternalSecret). Nothing cluster-wide.
#   plan:   `tofu plan` refreshes the Helm releases, which reads their release records
#           (Secrets) in the add-on namespaces; never the app namespace.
# ---------------------------------------------------------------------------------------
locals {
  namespaced_access = {
    deploy = { principal_arn = aws_iam_role.deploy.arn, policy = "AmazonEKSEditPolicy", namespaces = [var.deploy_namespace], groups = [var.deploy_kubernetes_group] }
    plan   = { principal_arn = aws_iam_role.plan.arn, policy = "AmazonEKSAdminViewPolicy", namespaces = var.plan_view_namespaces, groups = [] }
  }
}

resource "aws_eks_access_entry" "ci" {
  for_each = local.namespaced_access

  cluster_name      = var.cluster_name
  principal_arn     = each.value.principal_arn
  kubernetes_groups = each.value.groups
  type              = "STANDARD"
  tags              = var.tags
}

resource "aws_eks_access_policy_association" "ci" {
  for_each = local.namespaced_access

  cluster_name  = var.cluster_name
  principal_arn = aws_eks_access_entry.ci[each.key].principal_arn
  policy_arn    = "arn:${local.partition}:eks::aws:cluster-access-policy/${each.value.policy}"

  access_scope {
    type       = "namespace"
    namespaces = each.value.namespaces
  }
}
