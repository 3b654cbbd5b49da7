"""Agency staff asking to manage an organization's listings, and admins deciding."""
