// Wire shapes of the Amazon MQ REST API (2017-11-27), transcribed from its Smithy model.

package api

// CreateTagsInput is the input of CreateTags: add a tag to a resource.
type CreateTagsInput struct {
	// The Amazon Resource Name (ARN) of the resource tag. Required.
	ResourceARN string `json:"-" mq:"path=ResourceArn,required,name=ResourceArn"`
	// The key-value pair for the resource tag.
	Tags map[string]string `json:"tags,omitzero"`
}

// CreateTagsOutput is the result of CreateTags.
type CreateTagsOutput struct {
	// Metadata carries the request ID of the call that returned this output.
	Metadata `json:"-"`
}

// DeleteTagsInput is the input of DeleteTags: removes a tag from a resource.
type DeleteTagsInput struct {
	// The Amazon Resource Name (ARN) of the resource tag. Required.
	ResourceARN string `json:"-" mq:"path=ResourceArn,required,name=ResourceArn"`
	// An array of tag keys to delete Required.
	TagKeys []string `json:"-" mq:"query=tagKeys,required"`
}

// DeleteTagsOutput is the result of DeleteTags.
type DeleteTagsOutput struct {
	// Metadata carries the request ID of the call that returned this output.
	Metadata `json:"-"`
}

// ListTagsInput is the input of ListTags: lists tags for a resource.
type ListTagsInput struct {
	// The Amazon Resource Name (ARN) of the resource tag. Required.
	ResourceARN string `json:"-" mq:"path=ResourceArn,required,name=ResourceArn"`
}

// ListTagsOutput is the result of ListTags.
type ListTagsOutput struct {
	// Metadata carries the request ID of the call that returned this output.
	Metadata `json:"-"`
	// The key-value pair for the resource tag.
	Tags map[string]string `json:"tags,omitzero"`
}
