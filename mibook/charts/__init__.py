"""Chart builders, one module per chapter: above the renderer (`mibook.render`), which is above the
style (`mibook.style`); `layout` holds the label helpers the builders share."""
