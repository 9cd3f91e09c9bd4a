"""Chart builders, one module per chapter, all styled by `mibook.charts.style`."""
