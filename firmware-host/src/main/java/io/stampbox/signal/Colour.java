package io.stampbox.signal;

/**
 * What the LEDs show during one step. On a traffic light each colour is its own lamp; on one RGB LED
 * amber is red and green together. ALL lights every lamp (white on an RGB LED), for identify.
 */
enum Colour {
    OFF,
    GREEN,
    AMBER,
    RED,
    ALL
}
