package load

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sync"
	"time"
	"unsafe"

	"github.com/plansite/plansite/internal/scratch"
)

// A snapshot is a model value encoded compactly: what a lean cache
// (Cache.Lean) keeps of each plan to give it back whole (ReadOrg) without
// parsing its TOML again, which costs about four times as much. The
// snapshots are written to a temporary file, not kept in memory.
//
// The encoding follows the value's type: a string is a varint length and
// its bytes; integers are varints; a float is its 8 bytes; a slice or a
// map is a varint of its length plus one, 0 for nil, then its elements
// (a map's keys and values); a pointer is a byte, 0 for nil, then what it
// points to; a struct is its exported fields in order, and a time.Time
// its MarshalBinary bytes, length first. Unexported fields, such as a
// plan's caches, are left out and decode as zero.

var timeType = reflect.TypeFor[time.Time]()

// encodeSnapshot appends the snapshot of v to buf.
func encodeSnapshot(buf []byte, v reflect.Value) ([]byte, error) {
	switch v.Kind() {
	case reflect.String:
		buf = binary.AppendUvarint(buf, uint64(v.Len()))
		return append(buf, v.String()...), nil
	case reflect.Bool:
		if v.Bool() {
			return append(buf, 1), nil
		}
		return append(buf, 0), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return binary.AppendVarint(buf, v.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return binary.AppendUvarint(buf, v.Uint()), nil
	case reflect.Float32, reflect.Float64:
		return binary.LittleEndian.AppendUint64(buf, math.Float64bits(v.Float())), nil
	case reflect.Pointer:
		if v.IsNil() {
			return append(buf, 0), nil
		}
		return encodeSnapshot(append(buf, 1), v.Elem())
	case reflect.Slice, reflect.Map:
		if v.IsNil() {
			return append(buf, 0), nil
		}
		buf = binary.AppendUvarint(buf, uint64(v.Len())+1)
		var err error
		if v.Kind() == reflect.Slice {
			for i := 0; i < v.Len() && err == nil; i++ {
				buf, err = encodeSnapshot(buf, v.Index(i))
			}
			return buf, err
		}
		for iter := v.MapRange(); iter.Next() && err == nil; {
			if buf, err = encodeSnapshot(buf, iter.Key()); err == nil {
				buf, err = encodeSnapshot(buf, iter.Value())
			}
		}
		return buf, err
	case reflect.Struct:
		if v.Type() == timeType {
			b, err := v.Interface().(time.Time).MarshalBinary()
			buf = binary.AppendUvarint(buf, uint64(len(b)))
			return append(buf, b...), err
		}
		var err error
		for _, i := range exportedFields(v.Type()) {
			if buf, err = encodeSnapshot(buf, v.Field(i)); err != nil {
				break
			}
		}
		return buf, err
	}
	return buf, unsupported(v.Type())
}

// unsupported is the error for a value of type t, which snapshots do not
// hold: a field of a kind added to the plan model since.
func unsupported(t reflect.Type) error {
	return fmt.Errorf("internal error: the temporary copy of a plan cannot hold a %s", t)
}

// errSnapshot is a snapshot that does not decode: one that was not
// written whole.
var errSnapshot = errors.New("the build's temporary copy of this plan could not be read back: build again")

// A snapshotDecoder decodes one snapshot, data, into a value of the type
// it was encoded from. Its strings all point into data, which is not
// written again, as detach would have them point into one string.
type snapshotDecoder struct {
	data []byte
	pos  int
}

func (d *snapshotDecoder) uvarint() (uint64, error) {
	n, size := binary.Uvarint(d.data[d.pos:])
	return n, d.advance(size)
}

func (d *snapshotDecoder) varint() (int64, error) {
	n, size := binary.Varint(d.data[d.pos:])
	return n, d.advance(size)
}

// advance moves past a number of size bytes, as encoding/binary reports
// it: not positive when there is none whole.
func (d *snapshotDecoder) advance(size int) error {
	if size <= 0 {
		return errSnapshot
	}
	d.pos += size
	return nil
}

// bytes returns the next n bytes, as a string.
func (d *snapshotDecoder) bytes(n uint64) (string, error) {
	if n > uint64(len(d.data)-d.pos) {
		return "", errSnapshot
	}
	s := unsafe.String(unsafe.SliceData(d.data[d.pos:]), int(n))
	d.pos += int(n)
	return s, nil
}

// decode sets v, settable, from the snapshot.
func (d *snapshotDecoder) decode(v reflect.Value) error {
	switch v.Kind() {
	case reflect.String:
		n, err := d.uvarint()
		if err != nil {
			return err
		}
		s, err := d.bytes(n)
		v.SetString(s)
		return err
	case reflect.Bool:
		b, err := d.bytes(1)
		v.SetBool(b == "\x01")
		return err
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := d.varint()
		v.SetInt(n)
		return err
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, err := d.uvarint()
		v.SetUint(n)
		return err
	case reflect.Float32, reflect.Float64:
		b, err := d.bytes(8)
		if err == nil {
			v.SetFloat(math.Float64frombits(binary.LittleEndian.Uint64([]byte(b))))
		}
		return err
	case reflect.Pointer:
		b, err := d.bytes(1)
		if err != nil || b == "\x00" {
			return err
		}
		p := reflect.New(v.Type().Elem())
		v.Set(p)
		return d.decode(p.Elem())
	case reflect.Slice, reflect.Map:
		n, err := d.uvarint()
		if err != nil || n == 0 {
			return err
		}
		if n--; n > uint64(len(d.data)-d.pos) { // every element takes a byte at least
			return errSnapshot
		}
		if v.Kind() == reflect.Slice {
			v.Set(reflect.MakeSlice(v.Type(), int(n), int(n)))
			for i := range int(n) {
				if err := d.decode(v.Index(i)); err != nil {
					return err
				}
			}
			return nil
		}
		m := reflect.MakeMapWithSize(v.Type(), int(n))
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		for range n {
			// k and e serve every entry: a field the snapshot leaves
			// as it is (a nil pointer, an empty slice) must not keep
			// the last entry's.
			k.SetZero()
			e.SetZero()
			if err := d.decode(k); err != nil {
				return err
			}
			if err := d.decode(e); err != nil {
				return err
			}
			m.SetMapIndex(k, e)
		}
		v.Set(m)
		return nil
	case reflect.Struct:
		if v.Type() == timeType {
			n, err := d.uvarint()
			if err != nil {
				return err
			}
			b, err := d.bytes(n)
			if err != nil {
				return err
			}
			return v.Addr().Interface().(*time.Time).UnmarshalBinary([]byte(b))
		}
		for _, i := range exportedFields(v.Type()) {
			if err := d.decode(v.Field(i)); err != nil {
				return err
			}
		}
		return nil
	}
	return unsupported(v.Type())
}

// exportedByType holds exportedFields' answers, by struct type.
var exportedByType sync.Map

// exportedFields lists the indexes of t's exported fields.
func exportedFields(t reflect.Type) []int {
	return cachedFields(&exportedByType, t, reflect.StructField.IsExported)
}

// readSnapshot decodes the snapshot at sp in f into v, a pointer.
func readSnapshot(f *scratch.File, sp scratch.Span, v any) error {
	b, err := f.Read(nil, sp)
	if err != nil {
		return err
	}
	d := snapshotDecoder{data: b}
	if err := d.decode(reflect.ValueOf(v).Elem()); err != nil {
		return err
	}
	if d.pos != len(d.data) {
		return errSnapshot
	}
	return nil
}
