"""The proposal pages, one module per area: proposals, letters and meetings (common holds what they
share). Thin views: parse the request, check permission, call one service or selector, render."""
