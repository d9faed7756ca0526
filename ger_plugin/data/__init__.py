"""From original releases to standard Hugging Face datasets: readers, features, video, build, hub, cards."""
