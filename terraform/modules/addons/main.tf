data "aws_region" "current" {}

locals {
  region = data.aws_region.current.name

  # Trust policy of every EKS Pod Identity role.
  pod_identity_trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "pods.eks.amazonaws.com" }
      Action    = ["sts:AssumeRole", "sts:TagSession"]
    }]
  })

  lbc_namespace      = "kube-system"
  reloader_namespace = "kube-system"
}

# =======================================================================================
# External Secrets Operator: syncs the app's two secrets from Secrets Manager into
# Kubernetes Secrets; its IAM role can read exactly those two secrets, nothing else.
# =======================================================================================
resource "aws_iam_role" "external_secrets" {
  name               = "${var.cluster_name}-external-secrets"
  description        = "EKS Pod Identity role of External Secrets Operator (${var.external_secrets_namespace}/${var.external_secrets_service_account})"
  assume_role_policy = local.pod_identity_trust
  tags               = var.tags
}

resource "aws_iam_role_policy" "external_secrets" {
  name = "read-users-api-secrets"
  role = aws_iam_role.external_secrets.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ReadAppSecrets"
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
        Resource = var.app_secret_arns
      },
      {
        Sid      = "DecryptAppSecrets"
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = var.app_secret_kms_key_arns
        Condition = {
          StringEquals = { "kms:ViaService" = "secretsmanager.${local.region}.amazonaws.com" }
        }
      },
    ]
  })
}

resource "aws_eks_pod_identity_association" "external_secrets" {
  cluster_name    = var.cluster_name
  namespace       = var.external_secrets_namespace
  service_account = var.external_secrets_service_account
  role_arn        = aws_iam_role.external_secrets.arn
  tags            = var.tags
}

resource "helm_release" "external_secrets" {
  name             = "external-secrets"
  repository       = "https://charts.external-secrets.io"
  chart            = "external-secrets"
  version          = var.external_secrets_chart_version
  namespace        = var.external_secrets_namespace
  create_namespace = true
  wait             = true
  timeout          = 600

  values = [yamlencode({
    installCRDs  = true
    replicaCount = 1
    serviceAccount = {
      create = true
      name   = var.external_secrets_service_account
    }
    resources          = { requests = { cpu = "10m", memory = "64Mi" }, limits = { memory = "128Mi" } }
    webhook            = { resources = { requests = { cpu = "10m", memory = "32Mi" }, limits = { memory = "64Mi" } } }
    certController     = { resources = { requests = { cpu = "10m", memory = "32Mi" }, limits = { memory = "96Mi" } } }
    podSecurityContext = { runAsNonRoot = true }
    securityContext    = { allowPrivilegeEscalation = false, readOnlyRootFilesystem = true, capabilities = { drop = ["ALL"] } }
  })]

  # Credentials must be associated before the controller first starts.
  depends_on = [aws_eks_pod_identity_association.external_secrets, aws_iam_role_policy.external_secrets]
}

# =======================================================================================
# Deployer RBAC: EKS access policies cover no custom resources, so AmazonEKSEditPolicy
# alone cannot create the app chart's SecretStore/ExternalSecret. The local chart creates
# the app namespace (kept on uninstall, labelled for the LB controller's readiness gates
# and the restricted Pod Security Standard) and binds the deploy role's Kubernetes group
# there to a Role on exactly those two ESO kinds. Nothing cluster-wide.
# The release record lives in the ESO namespace, not the app namespace: the CI plan role
# refreshes it and may read Secrets there, never in the app namespace (DB password).
# =======================================================================================
resource "helm_release" "deployer_rbac" {
  name             = "${var.app_namespace}-deployer-rbac"
  chart            = "${path.module}/charts/deployer-rbac"
  namespace        = var.external_secrets_namespace
  create_namespace = true
  wait             = true
  timeout          = 120

  values = [yamlencode({
    namespace       = var.app_namespace
    createNamespace = var.create_app_namespace
    group           = var.deployer_group
  })]

  # The Role names external-secrets.io kinds: install it once ESO (and its CRDs) is up.
  depends_on = [helm_release.external_secrets]
}

# =======================================================================================
# AWS Load Balancer Controller: turns the app's Ingress into an ALB (target type ip).
# =======================================================================================
locals {
  elb_tagged_cluster = { Null = { "aws:ResourceTag/elbv2.k8s.aws/cluster" = "false" } }

  lbc_policy = {
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "CreateElbServiceLinkedRole"
        Effect    = "Allow"
        Action    = "iam:CreateServiceLinkedRole"
        Resource  = "*"
        Condition = { StringEquals = { "iam:AWSServiceName" = "elasticloadbalancing.amazonaws.com" } }
      },
      {
        Sid    = "Describe"
        Effect = "Allow"
        Action = [
          "ec2:DescribeAccountAttributes", "ec2:DescribeAddresses", "ec2:DescribeAvailabilityZones",
          "ec2:DescribeInternetGateways", "ec2:DescribeVpcs", "ec2:DescribeVpcPeeringConnections",
          "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "ec2:DescribeInstances",
          "ec2:DescribeNetworkInterfaces", "ec2:DescribeTags", "ec2:DescribeRouteTables",
          "ec2:DescribeCoipPools", "ec2:GetCoipPoolUsage", "ec2:GetSecurityGroupsForVpc",
          "ec2:DescribeIpamPools",
          "elasticloadbalancing:Describe*",
          "acm:ListCertificates", "acm:DescribeCertificate",
          "iam:ListServerCertificates", "iam:GetServerCertificate",
          "cognito-idp:DescribeUserPoolClient",
          "waf-regional:GetWebACL", "waf-regional:GetWebACLForResource",
          "wafv2:GetWebACL", "wafv2:GetWebACLForResource",
          "shield:GetSubscriptionState", "shield:DescribeProtection",
        ]
        Resource = "*"
      },
      {
        Sid    = "WebAclAndShieldOnItsLoadBalancers"
        Effect = "Allow"
        Action = [
          "waf-regional:AssociateWebACL", "waf-regional:DisassociateWebACL",
          "wafv2:AssociateWebACL", "wafv2:DisassociateWebACL",
          "shield:CreateProtection", "shield:DeleteProtection",
        ]
        Resource = "*"
      },
      {
        Sid      = "SecurityGroupsCreate"
        Effect   = "Allow"
        Action   = ["ec2:CreateSecurityGroup", "ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"]
        Resource = "*"
      },
      {
        Sid      = "TagNewSecurityGroups"
        Effect   = "Allow"
        Action   = "ec2:CreateTags"
        Resource = "arn:aws:ec2:*:*:security-group/*"
        Condition = {
          StringEquals = { "ec2:CreateAction" = "CreateSecurityGroup" }
          Null         = { "aws:RequestTag/elbv2.k8s.aws/cluster" = "false" }
        }
      },
      {
        Sid      = "RetagOwnSecurityGroups"
        Effect   = "Allow"
        Action   = ["ec2:CreateTags", "ec2:DeleteTags"]
        Resource = "arn:aws:ec2:*:*:security-group/*"
        Condition = {
          Null = {
            "aws:RequestTag/elbv2.k8s.aws/cluster"  = "true"
            "aws:ResourceTag/elbv2.k8s.aws/cluster" = "false"
          }
        }
      },
      {
        Sid       = "ManageOwnSecurityGroups"
        Effect    = "Allow"
        Action    = ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteSecurityGroup"]
        Resource  = "*"
        Condition = local.elb_tagged_cluster
      },
      {
        Sid       = "CreateTaggedLoadBalancers"
        Effect    = "Allow"
        Action    = ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"]
        Resource  = "*"
        Condition = { Null = { "aws:RequestTag/elbv2.k8s.aws/cluster" = "false" } }
      },
      {
        Sid    = "ListenersAndRules"
        Effect = "Allow"
        Action = [
          "elasticloadbalancing:CreateListener", "elasticloadbalancing:DeleteListener",
          "elasticloadbalancing:CreateRule", "elasticloadbalancing:DeleteRule",
        ]
        Resource = "*"
      },
      {
        Sid    = "RetagOwnElbResources"
        Effect = "Allow"
        Action = ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"]
        Resource = [
          "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*",
          "arn:aws:elasticloadbalancing:*:*:loadbalancer/net/*/*",
          "arn:aws:elasticloadbalancing:*:*:loadbalancer/app/*/*",
        ]
        Condition = {
          Null = {
            "aws:RequestTag/elbv2.k8s.aws/cluster"  = "true"
            "aws:ResourceTag/elbv2.k8s.aws/cluster" = "false"
          }
        }
      },
      {
        Sid    = "TagListenersAndRules"
        Effect = "Allow"
        Action = ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"]
        Resource = [
          "arn:aws:elasticloadbalancing:*:*:listener/net/*/*/*",
          "arn:aws:elasticloadbalancing:*:*:listener/app/*/*/*",
          "arn:aws:elasticloadbalancing:*:*:listener-rule/net/*/*/*",
          "arn:aws:elasticloadbalancing:*:*:listener-rule/app/*/*/*",
        ]
      },
      {
        Sid    = "ManageOwnElbResources"
        Effect = "Allow"
        Action = [
          "elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:SetIpAddressType",
          "elasticloadbalancing:SetSecurityGroups", "elasticloadbalancing:SetSubnets",
          "elasticloadbalancing:DeleteLoadBalancer", "elasticloadbalancing:ModifyTargetGroup",
          "elasticloadbalancing:ModifyTargetGroupAttributes", "elasticloadbalancing:DeleteTargetGroup",
          "elasticloadbalancing:ModifyListenerAttributes", "elasticloadbalancing:ModifyCapacityReservation",
          "elasticloadbalancing:ModifyIpPools",
        ]
        Resource  = "*"
        Condition = local.elb_tagged_cluster
      },
      {
        Sid    = "TagOnCreate"
        Effect = "Allow"
        Action = "elasticloadbalancing:AddTags"
        Resource = [
          "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*",
          "arn:aws:elasticloadbalancing:*:*:loadbalancer/net/*/*",
          "arn:aws:elasticloadbalancing:*:*:loadbalancer/app/*/*",
        ]
        Condition = {
          StringEquals = { "elasticloadbalancing:CreateAction" = ["CreateTargetGroup", "CreateLoadBalancer"] }
          Null         = { "aws:RequestTag/elbv2.k8s.aws/cluster" = "false" }
        }
      },
      {
        Sid      = "Targets"
        Effect   = "Allow"
        Action   = ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"]
        Resource = "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*"
      },
      {
        Sid    = "ListenerSettings"
        Effect = "Allow"
        Action = [
          "elasticloadbalancing:SetWebAcl", "elasticloadbalancing:ModifyListener",
          "elasticloadbalancing:AddListenerCertificates", "elasticloadbalancing:RemoveListenerCertificates",
          "elasticloadbalancing:ModifyRule", "elasticloadbalancing:SetRulePriorities",
        ]
        Resource = "*"
      },
    ]
  }
}

resource "aws_iam_policy" "lbc" {
  #checkov:skip=CKV_AWS_290:The controller creates load balancers, target groups and security groups whose ARNs do not exist yet; mutations of existing ones are conditioned on its elbv2.k8s.aws/cluster tag.
  #checkov:skip=CKV_AWS_355:Same reason: Create* and Describe* actions cannot be scoped to ARNs known in advance; this is the controller's documented permission set.
  name        = "${var.cluster_name}-aws-load-balancer-controller"
  description = "AWS Load Balancer Controller of ${var.cluster_name}; mutations limited to resources tagged elbv2.k8s.aws/cluster"
  policy      = jsonencode(local.lbc_policy)
  tags        = var.tags
}

resource "aws_iam_role" "lbc" {
  name               = "${var.cluster_name}-aws-load-balancer-controller"
  description        = "EKS Pod Identity role of the AWS Load Balancer Controller (${local.lbc_namespace}/${var.lbc_service_account})"
  assume_role_policy = local.pod_identity_trust
  tags               = var.tags
}

resource "aws_iam_role_policy_attachment" "lbc" {
  role       = aws_iam_role.lbc.name
  policy_arn = aws_iam_policy.lbc.arn
}

resource "aws_eks_pod_identity_association" "lbc" {
  cluster_name    = var.cluster_name
  namespace       = local.lbc_namespace
  service_account = var.lbc_service_account
  role_arn        = aws_iam_role.lbc.arn
  tags            = var.tags
}

resource "helm_release" "lbc" {
  name       = "aws-load-balancer-controller"
  repository = "https://aws.github.io/eks-charts"
  chart      = "aws-load-balancer-controller"
  version    = var.lbc_chart_version
  namespace  = local.lbc_namespace
  wait       = true
  timeout    = 600

  values = [yamlencode({
    clusterName  = var.cluster_name
    region       = local.region
    vpcId        = var.vpc_id
    replicaCount = 1
    serviceAccount = {
      create = true
      name   = var.lbc_service_account
    }
    resources = { requests = { cpu = "50m", memory = "96Mi" }, limits = { memory = "192Mi" } }
    # Only Ingress (ALB) is used; no need to mutate every Service of type LoadBalancer.
    enableServiceMutatorWebhook = false
  })]

  depends_on = [aws_eks_pod_identity_association.lbc, aws_iam_role_policy_attachment.lbc]
}

# =======================================================================================
# Stakater Reloader: RDS rotates the master password (every 7 days by default) and ESO
# rewrites the app's Secret, but the pods read it from environment variables at start.
# Reloader rolls a Deployment when a Secret named in its secret.reloader.stakater.com/reload
# annotation changes (the app chart adds it with reloader.enabled; helm_values sets that).
# =======================================================================================
resource "helm_release" "reloader" {
  name       = "reloader"
  repository = "https://stakater.github.io/stakater-charts"
  chart      = "reloader"
  version    = var.reloader_chart_version
  namespace  = local.reloader_namespace
  wait       = true
  timeout    = 300

  values = [yamlencode({
    reloader = {
      # Only Secrets matter (the app chart rolls its ConfigMap with a checksum annotation); this
      # also drops ConfigMaps from the controller's ClusterRole.
      ignoreConfigMaps       = true
      readOnlyRootFileSystem = true
      deployment = {
        containerSecurityContext = { allowPrivilegeEscalation = false, capabilities = { drop = ["ALL"] } }
        resources                = { requests = { cpu = "10m", memory = "32Mi" }, limits = { memory = "128Mi" } }
      }
    }
  })]
}
