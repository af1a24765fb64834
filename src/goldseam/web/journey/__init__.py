"""The guided journey: name the injury, see the cycle, hear and acknowledge, needs and reassurance."""
